import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { regionalLists, statusMoves } from '../../../server/src/contract/regional.ts';
import type { ListItem, Lists, RegionalList, RegionalStatus } from '../api/contract.ts';
import { addListItem, updateListItem, type ListOwner } from '../api/regional.api.ts';
import { useAction } from './use-action.ts';

/** A status as a select of the moves it allows (or a tag where the caller only reads). */
export function StatusControl({
  status,
  testId,
  editable,
  busy,
  onChange,
}: {
  status: RegionalStatus;
  testId: string;
  editable: boolean;
  busy: boolean;
  onChange: (next: RegionalStatus) => void;
}) {
  const { t } = useTranslation('regional');
  if (!editable) return <span className={`tag regional-status status-${status}`}>{t(`status.${status}`)}</span>;
  return (
    <select
      className={`regional-status status-${status}`}
      value={status}
      disabled={busy}
      aria-label={t('lists.status')}
      data-testid={testId}
      onChange={(event) => onChange(event.target.value as RegionalStatus)}
    >
      {[status, ...statusMoves[status]].map((s) => (
        <option key={s} value={s}>
          {t(`status.${s}`)}
        </option>
      ))}
    </select>
  );
}

function ItemRow({ item, editable, onChanged }: { item: ListItem; editable: boolean; onChanged: () => void }) {
  const { t } = useTranslation('regional');
  const action = useAction(onChanged);
  return (
    <li className="regional-item" data-testid={`list-item-${item.id}`} data-status={item.status}>
      <span className="regional-item-title">{item.title}</span>
      {item.due_on && <span className="muted"> {t('lists.dueOn', { date: item.due_on })}</span>}
      <StatusControl
        status={item.status}
        testId={`item-status-${item.id}`}
        editable={editable}
        busy={action.busy}
        onChange={(status) => void action.run(() => updateListItem(item.id, { status }))}
      />
      {item.detail && <p className="muted regional-item-detail">{item.detail}</p>}
      {action.error && (
        <p className="form-error" role="alert">
          {t('actionFailed', { message: action.error })}
        </p>
      )}
    </li>
  );
}

function AddItem({ owner, onChanged }: { owner: ListOwner; onChanged: () => void }) {
  const { t } = useTranslation('regional');
  const [list, setList] = useState<RegionalList>('needs');
  const [title, setTitle] = useState('');
  const [due, setDue] = useState('');
  const action = useAction(onChanged);
  const submit = async (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    const ok = await action.run(() => addListItem(owner, { list, title: title.trim(), ...(due ? { due_on: due } : {}) }));
    if (ok) {
      setTitle('');
      setDue('');
    }
  };
  return (
    <form className="regional-form" onSubmit={(event) => void submit(event)} data-testid="item-add">
      <h4>{t('lists.add')}</h4>
      <label className="field">
        <span>{t('lists.list')}</span>
        <select value={list} onChange={(event) => setList(event.target.value as RegionalList)} data-testid="item-add-list">
          {regionalLists.map((l) => (
            <option key={l} value={l}>
              {t(`lists.${l}`)}
            </option>
          ))}
        </select>
      </label>
      <label className="field">
        <span>{t('lists.title')}</span>
        <input
          value={title}
          maxLength={100}
          required
          placeholder={t('lists.titlePlaceholder')}
          onChange={(event) => setTitle(event.target.value)}
          data-testid="item-add-title"
        />
      </label>
      <label className="field">
        <span>{t('lists.due')}</span>
        <input type="date" value={due} onChange={(event) => setDue(event.target.value)} data-testid="item-add-due" />
      </label>
      <button type="submit" className="primary-button" disabled={action.busy || title.trim() === ''} data-testid="item-add-submit">
        {t('lists.add')}
      </button>
      {action.error && (
        <p className="form-error" role="alert" data-testid="regional-error">
          {t('actionFailed', { message: action.error })}
        </p>
      )}
    </form>
  );
}

/**
 * 需求清单, 资源清单, 项目清单 of a pairing or a group: each item with its status, which a writer
 * moves along the flow (open → in progress → done, or cancelled; done and cancelled reopen); and a
 * form that adds an item.
 */
export function ListBoard({ owner, lists, editable, onChanged }: { owner: ListOwner; lists: Lists; editable: boolean; onChanged: () => void }) {
  const { t } = useTranslation('regional');
  return (
    <div className="regional-lists">
      {regionalLists.map((list) => (
        <section key={list} className="panel-section" data-testid={`list-${list}`}>
          <h3>
            {t(`lists.${list}`)} <span className="count">{lists[list].length}</span>
          </h3>
          {lists[list].length === 0 ? (
            <p className="muted">{t('lists.empty')}</p>
          ) : (
            <ul className="regional-items">
              {lists[list].map((item) => (
                <ItemRow key={item.id} item={item} editable={editable} onChanged={onChanged} />
              ))}
            </ul>
          )}
        </section>
      ))}
      {editable && <AddItem owner={owner} onChanged={onChanged} />}
    </div>
  );
}

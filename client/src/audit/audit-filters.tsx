import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import type { AuditFilter } from '../api/audit.api.ts';
import { auditActions } from './audit-actions.ts';

interface FilterInputs {
  user: string;
  action: string;
  /** `datetime-local` values, in the browser's time zone. */
  from: string;
  to: string;
}

const empty: FilterInputs = { user: '', action: '', from: '', to: '' };

/** A `datetime-local` value as an ISO 8601 instant, or undefined when empty or invalid. */
function isoInstant(local: string): string | undefined {
  if (local === '') return undefined;
  const time = new Date(local).getTime();
  return Number.isNaN(time) ? undefined : new Date(time).toISOString();
}

function filterFrom(inputs: FilterInputs): AuditFilter {
  const username = inputs.user.trim().toLowerCase();
  return {
    username: username === '' ? undefined : username,
    action: inputs.action || undefined,
    from: isoInstant(inputs.from),
    to: isoInstant(inputs.to),
  };
}

/** Username, action and time range; applied on 查询, cleared on 重置. */
export function AuditFilters({ onApply }: { onApply: (filter: AuditFilter) => void }) {
  const { t } = useTranslation();
  const [inputs, setInputs] = useState<FilterInputs>(empty);
  const set = (field: keyof FilterInputs) => (event: { target: { value: string } }) => setInputs((previous) => ({ ...previous, [field]: event.target.value }));

  const apply = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    onApply(filterFrom(inputs));
  };
  const reset = () => {
    setInputs(empty);
    onApply({});
  };

  return (
    <form className="audit-filters" onSubmit={apply} aria-label={t('audit.filters')} data-testid="audit-filters">
      <label className="field">
        <span>{t('audit.user')}</span>
        <input
          autoCapitalize="none"
          autoComplete="off"
          spellCheck={false}
          pattern="[a-zA-Z0-9_.\-]{2,50}"
          placeholder={t('audit.userPlaceholder')}
          value={inputs.user}
          onChange={set('user')}
          data-testid="audit-filter-user"
        />
      </label>
      <label className="field">
        <span>{t('audit.action')}</span>
        <select value={inputs.action} onChange={set('action')} data-testid="audit-filter-action">
          <option value="">{t('audit.allActions')}</option>
          {auditActions.map((action) => (
            <option key={action} value={action}>
              {t(`audit.actions.${action}`)}
            </option>
          ))}
        </select>
      </label>
      <label className="field">
        <span>{t('audit.from')}</span>
        <input type="datetime-local" value={inputs.from} onChange={set('from')} data-testid="audit-filter-from" />
      </label>
      <label className="field">
        <span>{t('audit.to')}</span>
        <input type="datetime-local" value={inputs.to} onChange={set('to')} data-testid="audit-filter-to" />
      </label>
      <div className="audit-filter-buttons">
        <button type="submit" className="primary-button" data-testid="audit-apply">
          {t('audit.apply')}
        </button>
        <button type="button" className="secondary-button" onClick={reset} data-testid="audit-reset">
          {t('audit.reset')}
        </button>
      </div>
    </form>
  );
}

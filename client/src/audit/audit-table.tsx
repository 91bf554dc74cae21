import { useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import type { AuditEntry } from '../api/contract.ts';
import { isAuditAction, isTargetKind, sensitiveActions } from './audit-actions.ts';
import { targetIds } from './target-ids.ts';

function ActionName({ action }: { action: string }) {
  const { t } = useTranslation();
  return isAuditAction(action) ? <>{t(`audit.actions.${action}`)}</> : <code>{action}</code>;
}

function Target({ entry }: { entry: AuditEntry }) {
  const { t } = useTranslation();
  if (entry.target_kind === null && entry.target_ids.length === 0) return <span className="muted">—</span>;
  const kind = entry.target_kind;
  const { shown, total } = targetIds(entry.target_names ?? entry.target_ids.map((id) => `#${id}`));
  return (
    <span title={entry.target_ids.map((id) => `#${id}`).join(', ')}>
      {kind !== null && (isTargetKind(kind) ? t(`audit.targetKind.${kind}`) : kind)} <span className="audit-ids">{shown.join(', ')}</span>
      {total !== null && <span className="muted"> {t('audit.moreTargets', { total })}</span>}
    </span>
  );
}

/** One row per entry: 时间, 用户, 操作, 对象, 范围, IP. The raw detail is the action cell's tooltip. */
export function AuditTable({ entries }: { entries: readonly AuditEntry[] }) {
  const { t, i18n } = useTranslation();
  const timeFormat = useMemo(
    () =>
      new Intl.DateTimeFormat(i18n.resolvedLanguage, {
        year: 'numeric',
        month: '2-digit',
        day: '2-digit',
        hour: '2-digit',
        minute: '2-digit',
        second: '2-digit',
        hour12: false,
      }),
    [i18n.resolvedLanguage],
  );

  return (
    <table className="audit-table" data-testid="audit-table">
      <thead>
        <tr>
          <th scope="col">{t('audit.column.at')}</th>
          <th scope="col">{t('audit.column.user')}</th>
          <th scope="col">{t('audit.column.action')}</th>
          <th scope="col">{t('audit.column.target')}</th>
          <th scope="col">{t('audit.column.scope')}</th>
          <th scope="col">{t('audit.column.ip')}</th>
        </tr>
      </thead>
      <tbody>
        {entries.map((entry) => (
          <tr
            key={entry.id}
            className={sensitiveActions.has(entry.action) ? 'sensitive' : undefined}
            data-testid="audit-row"
            data-action={entry.action}
            data-entry-id={entry.id}
          >
            <td className="audit-time">
              <time dateTime={entry.at}>{timeFormat.format(new Date(entry.at))}</time>
            </td>
            <td data-testid="audit-user">
              {entry.user ? <span title={`#${entry.user.id}`}>{entry.user.username}</span> : <span className="muted">{t('audit.noUser')}</span>}
            </td>
            <td title={Object.keys(entry.detail).length > 0 ? JSON.stringify(entry.detail) : undefined}>
              <ActionName action={entry.action} />
            </td>
            <td>
              <Target entry={entry} />
            </td>
            <td data-testid="audit-scope">
              {entry.scope === null ? <span className="muted">—</span> : <span title={entry.scope}>{entry.scope_name ?? entry.scope}</span>}
            </td>
            <td className="audit-code">{entry.ip ?? <span className="muted">—</span>}</td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}

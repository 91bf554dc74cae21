import { useTranslation } from 'react-i18next';
import type { HistoryEntry } from '../api/contract.ts';
import { shortDateTime } from '../dispatch/format-time.ts';

const named = (value: unknown): string | null => {
  if (typeof value === 'string') return value;
  if (typeof value === 'object' && value !== null && 'name' in value && typeof value.name === 'string') return value.name;
  return null;
};

/** One line on what a history row's detail says: the fields changed, from where to where. */
function DetailLine({ detail }: { detail: Record<string, unknown> }) {
  const { t } = useTranslation('registry');
  const parts: string[] = [];
  const changed = detail['changed'];
  if (Array.isArray(changed) && changed.length > 0) {
    const fields = changed.map((field) => t(`history.fields.${String(field)}` as 'history.fields.name', { defaultValue: String(field) }));
    parts.push(t('history.changed', { fields: fields.join('、') }));
  }
  const from = named(detail['from']) ?? named(detail['from_org']);
  const to = named(detail['to']) ?? named(detail['to_org']) ?? named(detail['community']) ?? named(detail['whereabouts']);
  if (from) parts.push(t('history.from', { name: from }));
  if (to) parts.push(t('history.to', { name: to }));
  return parts.length === 0 ? null : <span className="history-detail">{parts.join(' ')}</span>;
}

/** A record's history, newest first: the day it took effect, what happened, why, who recorded it. */
export function HistoryList({ entries, testId }: { entries: readonly HistoryEntry[]; testId: string }) {
  const { t, i18n } = useTranslation('registry');
  if (entries.length === 0) return <p className="muted registry-empty">{t('history.empty')}</p>;
  const newestFirst = [...entries].sort((a, b) => (a.effective_on === b.effective_on ? b.id - a.id : a.effective_on < b.effective_on ? 1 : -1));
  return (
    <ol className="history-list" data-testid={testId}>
      {newestFirst.map((entry) => (
        <li key={entry.id} data-action={entry.action} data-testid="history-entry">
          <time dateTime={entry.effective_on}>{entry.effective_on}</time>
          <div>
            <strong>{t(`history.action.${entry.action}` as 'history.action.edited', { defaultValue: entry.action })}</strong>{' '}
            <DetailLine detail={entry.detail} />
            {entry.reason && <p className="history-reason">{entry.reason}</p>}
            <small className="muted">{t('history.by', { actor: entry.actor ?? '—', time: shortDateTime(entry.recorded_at, i18n.language) })}</small>
          </div>
        </li>
      ))}
    </ol>
  );
}

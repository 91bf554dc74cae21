import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { fetchWish } from '../api/wishes.api.ts';
import type { RecordViewProps } from '../one-map/one-map-tool.ts';
import { shortDateTime } from '../dispatch/format-time.ts';
import { useFetched } from '../one-map/use-fetched.ts';
import { WishStatusBadge } from './status-badge.tsx';

/** A wish clicked on the 一张图: status, where, who posted and claimed it, the fulfilment's note and points. */
export function WishRecordView({ id, onOpenPanel }: RecordViewProps) {
  const { t, i18n } = useTranslation(['wishes', 'oneMap']);
  const state = useFetched(`wish:${id}`, (signal) => fetchWish(id, signal));
  if (state.status === 'loading') return <p className="muted">{t('oneMap:feature.loading')}</p>;
  if (state.status === 'error')
    return (
      <p className="form-error" role="alert">
        {t('oneMap:feature.failed')}: {state.message}
      </p>
    );
  const w = state.value;
  const when = (iso: string | null) => (iso ? shortDateTime(iso, i18n.language) : null);
  const fields: Array<[string, ReactNode | null, string?]> = [
    [t('wishes:record.status'), <WishStatusBadge key="s" status={w.status} />],
    [t('wishes:record.area'), w.area_name],
    [t('wishes:record.place'), w.place?.name ?? null],
    [t('wishes:record.resident'), w.resident_name],
    [t('wishes:record.postedBy'), w.posted_by?.name ?? null],
    [t('wishes:record.postedAt'), when(w.posted_at)],
    [t('wishes:record.claimedBy'), w.claimed_by?.name ?? null],
    [t('wishes:record.claimedAt'), when(w.claimed_at)],
    [t('wishes:record.fulfilledAt'), when(w.fulfilled_at)],
    [t('wishes:record.note'), w.fulfilment_note, 'wish-record-note'],
    [t('wishes:record.points'), w.points === null ? null : t('wishes:record.pointsValue', { points: w.points })],
  ];
  return (
    <>
      <h3 data-testid="feature-title">{w.title}</h3>
      {w.detail && <p className="wish-detail">{w.detail}</p>}
      <dl className="locate-fields">
        {fields
          .filter(([, value]) => value !== null && value !== '')
          .map(([label, value, testId]) => (
            <div className="locate-field" key={label}>
              <dt>{label}</dt>
              <dd data-testid={testId}>{value}</dd>
            </div>
          ))}
      </dl>
      <p className="panel-actions">
        <button type="button" onClick={() => onOpenPanel('area', w.area_code)} data-testid="feature-area-panel">
          {t('oneMap:feature.areaPanel')}
        </button>
      </p>
    </>
  );
}

import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { deleteBelt, fetchBelt } from '../api/belts.api.ts';
import type { BeltRecord } from '../api/contract.ts';
import { createBeltOverlay } from '../map/layers/belts.layer.ts';
import type { OneMapHost } from '../one-map/one-map-tool.ts';
import { useFetched } from '../one-map/use-fetched.ts';
import { errorText } from './error-text.ts';
import { CorridorFigures, km, LegSummary } from './belt-figures.tsx';

/** A belt's facts: area, length, width, its sites in order, its legs, what its corridor holds. */
export function BeltFacts({ belt }: { belt: BeltRecord }) {
  const { t } = useTranslation('belts');
  return (
    <>
      <dl className="locate-fields">
        <div className="locate-field">
          <dt>{t('fields.area')}</dt>
          <dd>{belt.area_name}</dd>
        </div>
        <div className="locate-field">
          <dt>{t('fields.length')}</dt>
          <dd data-testid="belt-length">{t('list.length', { km: km(belt.length_m) })}</dd>
        </div>
        <div className="locate-field">
          <dt>{t('fields.width')}</dt>
          <dd data-testid="belt-width-shown">{belt.width_m}</dd>
        </div>
        {belt.description && (
          <div className="locate-field">
            <dt>{t('fields.description')}</dt>
            <dd>{belt.description}</dd>
          </div>
        )}
      </dl>
      <section className="panel-section">
        <h3>
          {t('fields.sites')} <span className="count">{belt.sites.length}</span>
        </h3>
        <ol className="panel-list" data-testid="belt-sites">
          {belt.sites.map((s) => (
            <li key={s.seq} data-testid="belt-record-site" data-site-id={s.id}>
              {s.name} <span className="muted">{s.area_name}</span>
            </li>
          ))}
        </ol>
        <LegSummary legs={belt.legs} />
      </section>
      <section className="panel-section">
        <h3>{t('record.counts')}</h3>
        <CorridorFigures counts={belt.counts} />
      </section>
    </>
  );
}

/** One belt in the tool: shown whole on the map, with its facts; edited or deleted by those who may. */
export function BeltRecordPanel({
  id,
  host,
  canEdit,
  onBack,
  onEdit,
}: {
  id: number;
  host: OneMapHost;
  canEdit: boolean;
  onBack: () => void;
  onEdit: (belt: BeltRecord) => void;
}) {
  const { t } = useTranslation('belts');
  const state = useFetched(`belt:${id}`, (signal) => fetchBelt(id, signal));
  const [confirming, setConfirming] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const belt = state.status === 'done' ? state.value : null;

  useEffect(() => {
    if (!belt) return;
    host.fitBounds(belt.bbox);
    host.drawLayers(createBeltOverlay({ corridor: belt.corridor, legs: belt.legs, sites: belt.sites }));
  }, [belt, host]);
  useEffect(() => () => host.drawLayers([]), [host]);

  const remove = async () => {
    try {
      await deleteBelt(id);
      onBack();
    } catch (e) {
      setError(errorText(e, t('unavailable')));
    }
  };

  return (
    <div className="belt-record" data-testid="belt-record" data-belt-id={id} data-state={state.status}>
      <p>
        <button type="button" className="link-button" data-testid="belt-back" onClick={onBack}>
          ← {t('back')}
        </button>
      </p>
      {state.status === 'loading' && <p className="muted">{t('loading')}</p>}
      {state.status === 'error' && (
        <p className="form-error" role="alert">
          {t('failed')}: {state.message}
        </p>
      )}
      {belt && (
        <>
          <h3 data-testid="belt-name">{belt.name}</h3>
          <BeltFacts belt={belt} />
          {error && (
            <p className="form-error" role="alert">
              {error}
            </p>
          )}
          {canEdit && (
            <p className="panel-actions">
              <button type="button" className="secondary-button" data-testid="belt-edit" onClick={() => onEdit(belt)}>
                {t('edit')}
              </button>
              {!confirming ? (
                <button type="button" className="secondary-button" data-testid="belt-delete" onClick={() => setConfirming(true)}>
                  {t('delete')}
                </button>
              ) : (
                <button type="button" className="primary-button" data-testid="belt-delete-confirm" onClick={() => void remove()}>
                  {t('deleteConfirm')}
                </button>
              )}
            </p>
          )}
        </>
      )}
    </div>
  );
}

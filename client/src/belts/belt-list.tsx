import { useTranslation } from 'react-i18next';
import { fetchBelts } from '../api/belts.api.ts';
import type { BeltSummary } from '../api/contract.ts';
import { useFetched } from '../one-map/use-fetched.ts';
import { km } from './belt-figures.tsx';

/** The belts in scope; a row opens its record. */
export function BeltList({ canEdit, onOpen, onNew }: { canEdit: boolean; onOpen: (belt: BeltSummary) => void; onNew: () => void }) {
  const { t } = useTranslation('belts');
  const state = useFetched('belts', (signal) => fetchBelts({ limit: 200 }, signal));
  return (
    <div className="belt-list" data-testid="belt-list" data-state={state.status}>
      <p className="muted">{t('intro')}</p>
      {canEdit && (
        <p>
          <button type="button" className="primary-button" data-testid="belt-new" onClick={onNew}>
            {t('new')}
          </button>
        </p>
      )}
      {state.status === 'loading' && <p className="muted">{t('loading')}</p>}
      {state.status === 'error' && (
        <p className="form-error" role="alert">
          {t('failed')}: {state.message}
        </p>
      )}
      {state.status === 'done' && state.value.belts.length === 0 && <p className="muted">{t('empty')}</p>}
      {state.status === 'done' && state.value.belts.length > 0 && (
        <ul className="belt-rows">
          {state.value.belts.map((b) => (
            <li key={b.id}>
              <button type="button" className="belt-row" data-testid="belt-row" data-belt-id={b.id} onClick={() => onOpen(b)}>
                <strong>{b.name}</strong>
                <span className="muted">
                  {b.area_name} · {t('list.sites', { count: b.site_count })} · {t('list.length', { km: km(b.length_m) })}
                </span>
              </button>
            </li>
          ))}
        </ul>
      )}
    </div>
  );
}

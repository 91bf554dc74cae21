import { useTranslation } from 'react-i18next';
import { fetchBelt } from '../api/belts.api.ts';
import type { RecordViewProps } from '../one-map/one-map-tool.ts';
import { useFetched } from '../one-map/use-fetched.ts';
import { BeltFacts } from './belt-record.tsx';
import '../styles/belts.css';

/** A belt clicked on the map, in the feature panel: its facts, and its area's panel one click away. */
export function BeltFeature({ id, onOpenPanel }: RecordViewProps) {
  const { t } = useTranslation(['belts', 'oneMap']);
  const state = useFetched(`belt:${id}`, (signal) => fetchBelt(id, signal));
  if (state.status === 'loading') return <p className="muted">{t('belts:loading')}</p>;
  if (state.status === 'error')
    return (
      <p className="form-error" role="alert">
        {t('belts:failed')}: {state.message}
      </p>
    );
  const belt = state.value;
  return (
    <div className="belt-feature" data-testid="belt-feature">
      <h3 data-testid="feature-title">{belt.name}</h3>
      <BeltFacts belt={belt} />
      <p className="panel-actions">
        <button type="button" onClick={() => onOpenPanel('area', belt.area_code)} data-testid="feature-area-panel">
          {t('oneMap:feature.areaPanel')}
        </button>
      </p>
    </div>
  );
}

import { useTranslation } from 'react-i18next';
import { orgPointKinds } from '../map/layers/org-points.layer.ts';
import { placePointKinds } from '../map/layers/place-points.layer.ts';
import { oneMapLayers, type LayerGroup } from './layer-catalog.ts';
import type { OneMapState } from './one-map-url.ts';

const groups: readonly LayerGroup[] = ['party', 'work', 'analysis', 'base'];
const sectors = ['village', 'community', 'enterprise', 'social_org', 'agency', 'school', 'hospital', 'industrial_park', 'joint'] as const;

const toggle = (items: readonly string[], item: string) => (items.includes(item) ? items.filter((i) => i !== item) : [...items, item]);

/** The layer panel: each layer on or off, organizations by kind and sector, positions by kind. */
export function LayerPanel({ state, onChange }: { state: OneMapState; onChange: (next: Partial<OneMapState>) => void }) {
  const { t } = useTranslation(['oneMap', 'registry']);
  return (
    <section className="one-map-layers" data-testid="one-map-layers" aria-label={t('oneMap:layers.title')}>
      <h2>{t('oneMap:layers.title')}</h2>
      {groups.map((group) => {
        const layers = oneMapLayers.filter((l) => l.group === group);
        if (layers.length === 0) return null;
        return (
          <fieldset key={group}>
            <legend>{t(`oneMap:layers.groups.${group}`)}</legend>
            {layers.map((layer) => {
              const on = state.layers.includes(layer.id);
              return (
                <div key={layer.id} className="layer-row">
                  <label>
                    <input
                      type="checkbox"
                      data-testid={`layer-toggle-${layer.id}`}
                      checked={on}
                      onChange={() => onChange({ layers: toggle(state.layers, layer.id) })}
                    />
                    {t(layer.label as 'oneMap:layers.orgs')}
                  </label>
                  {on && layer.id === 'orgs' && (
                    <div className="layer-options">
                      {orgPointKinds.map((k) => (
                        <label key={k} className="chip">
                          <input
                            type="checkbox"
                            data-testid={`org-kind-${k}`}
                            checked={state.orgKinds.includes(k)}
                            onChange={() => onChange({ orgKinds: toggle(state.orgKinds, k) })}
                          />
                          {t(`registry:orgKind.${k}`)}
                        </label>
                      ))}
                      <select
                        data-testid="org-sector"
                        aria-label={t('oneMap:layers.sector')}
                        value={state.orgSector ?? ''}
                        onChange={(e) => onChange({ orgSector: e.target.value || null })}
                      >
                        <option value="">{t('oneMap:layers.allSectors')}</option>
                        {sectors.map((s) => (
                          <option key={s} value={s}>
                            {t(`registry:sector.${s}`)}
                          </option>
                        ))}
                      </select>
                    </div>
                  )}
                  {on && layer.id === 'places' && (
                    <div className="layer-options">
                      {placePointKinds.map((k) => (
                        <label key={k} className="chip">
                          <input
                            type="checkbox"
                            data-testid={`place-kind-${k}`}
                            checked={state.placeKinds.includes(k)}
                            onChange={() => onChange({ placeKinds: toggle(state.placeKinds, k) })}
                          />
                          {t(`registry:placeKind.${k}`)}
                        </label>
                      ))}
                    </div>
                  )}
                </div>
              );
            })}
          </fieldset>
        );
      })}
    </section>
  );
}

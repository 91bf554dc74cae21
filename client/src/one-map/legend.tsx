import { useTranslation } from 'react-i18next';
import { oneMapLayers, type LayerContext } from './layer-catalog.ts';

const css = (c: readonly number[]) => `rgba(${c[0]}, ${c[1]}, ${c[2]}, ${(c[3] ?? 255) / 255})`;

/** The legend of the layers that are on, in panel order. */
export function OneMapLegend({ layerIds, ctx }: { layerIds: readonly string[]; ctx: LayerContext }) {
  const { t } = useTranslation(['oneMap', 'registry']);
  const on = oneMapLayers.filter((l) => layerIds.includes(l.id));
  return (
    <section className="one-map-legend" data-testid="one-map-legend" aria-label={t('oneMap:legend.title')}>
      <h2>{t('oneMap:legend.title')}</h2>
      {on.length === 0 && <p className="muted">{t('oneMap:legend.empty')}</p>}
      {on.map((layer) => (
        <div key={layer.id} className="legend-layer" data-testid={`legend-${layer.id}`}>
          <h3>{t(layer.label as 'oneMap:layers.orgs')}</h3>
          <ul>
            {layer.legend(ctx).map((item) => (
              <li key={item.label}>
                <span className={`swatch swatch-${item.shape}`} style={{ background: css(item.color) }} />
                {t(item.label as 'oneMap:legend.title')}
              </li>
            ))}
          </ul>
        </div>
      ))}
    </section>
  );
}

import { useTranslation } from 'react-i18next';
import { coverageColors, coverageLayerNames, type CoverageLayerName } from '../map/layers/coverage.layer.ts';
import { densityStops } from '../map/layers/density-cells.layer.ts';
import { cssRgba as css } from '../map/layers/rgba.ts';
import { incidentColors } from '../map/layers/incident-pulse.layer.ts';
import { serviceColors } from '../map/layers/service-centers.layer.ts';

export interface WallLegendProps {
  coverage: ReadonlySet<CoverageLayerName>;
  onToggle: (layer: CoverageLayerName) => void;
}

/** What the map's colours mean, and the two coverage overlays to switch on and off. */
export function WallLegend({ coverage, onToggle }: WallLegendProps) {
  const { t } = useTranslation();
  const ramp = densityStops.map(([, color], i) => `${css(color)} ${(i / (densityStops.length - 1)) * 100}%`).join(', ');
  return (
    <aside className="wall-legend" aria-label={t('wall.legend.title')}>
      <div className="wall-legend-density">
        <span className="wall-legend-label">{t('wall.legend.density')}</span>
        <span className="wall-legend-ramp" style={{ background: `linear-gradient(90deg, ${ramp})` }} />
        <span className="wall-legend-scale">
          {densityStops
            .filter((_, i) => i % 2 === 0)
            .map(([n]) => (
              <span key={n}>{n >= 1000 ? `${n / 1000}k` : n}</span>
            ))}
        </span>
        <span className="wall-legend-note">{t('wall.legend.suppressed')}</span>
      </div>
      <ul className="wall-legend-keys">
        <li>
          <span className="wall-dot is-large" style={{ background: css(serviceColors.service_center) }} />
          {t('wall.legend.serviceCenter')}
        </li>
        <li>
          <span className="wall-dot" style={{ background: css(serviceColors.service_station) }} />
          {t('wall.legend.serviceStation')}
        </li>
        <li>
          <span className="wall-dot is-pulse" style={{ background: css(incidentColors.critical), color: css(incidentColors.critical) }} />
          {t('wall.legend.incident')}
        </li>
      </ul>
      <div className="wall-legend-toggles" role="group" aria-label={t('wall.legend.layers')}>
        {coverageLayerNames.map((layer) => (
          <button key={layer} type="button" aria-pressed={coverage.has(layer)} data-testid={`wall-toggle-${layer}`} onClick={() => onToggle(layer)}>
            <span className="wall-swatch" style={{ background: css(coverageColors[layer], 0.7) }} />
            {t(`wall.legend.${layer}`)}
          </button>
        ))}
      </div>
    </aside>
  );
}

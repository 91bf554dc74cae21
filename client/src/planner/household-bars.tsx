import { useTranslation } from 'react-i18next';
import type { PlanView } from '../api/plans.api.ts';
import { gridColor } from './grid-colors.ts';

/**
 * Households per grid against the band, like a redistricting tally: one bar per grid, the band
 * shaded, a tick where the grid stood before the plan.
 */
export function HouseholdBars({ view }: { view: PlanView }) {
  const { t } = useTranslation();
  const { min, max } = view.household_band;
  const keys = view.grids.features.map((f) => String(f.id));
  const before = new Map(view.impact.totals.filter((x) => x.what === 'households').map((x) => [x.grid, x.before]));
  const top = Math.max(max * 1.25, ...view.grids.features.map((f) => f.properties.households), ...before.values(), 1);
  const pct = (value: number) => `${Math.min(100, (value / top) * 100).toFixed(2)}%`;

  return (
    <section className="planner-section" data-testid="household-bars">
      <h2>{t('planner.bars')}</h2>
      <p className="planner-muted">{t('planner.band', { min, max })}</p>
      <ul className="household-bars">
        {view.grids.features.map((f) => {
          const key = String(f.id);
          const households = f.properties.households;
          const inBand = households >= min && households <= max;
          const was = before.get(key);
          return (
            <li key={key} data-testid="household-bar" data-grid={key} data-households={households} data-in-band={inBand}>
              <span className="bar-name" title={f.properties.name}>
                <i className="bar-swatch" style={{ background: gridColor(keys, key) }} />
                {f.properties.name}
              </span>
              <span className="bar-track">
                <span className="bar-band" style={{ left: pct(min), width: `calc(${pct(max)} - ${pct(min)})` }} />
                <span className={inBand ? 'bar-fill' : 'bar-fill out-of-band'} style={{ width: pct(households) }} />
                {was !== undefined && was !== households && <span className="bar-before" style={{ left: pct(was) }} />}
              </span>
              <span className="bar-value">{households}</span>
            </li>
          );
        })}
      </ul>
    </section>
  );
}

import { useTranslation } from 'react-i18next';
import { fetchAreaPanel } from '../api/area-panel.api.ts';
import { registryPaths } from '../registry/registry-route.ts';
import { Link } from '../shell/link.tsx';
import type { AreaPanel, NewOrgRatesView } from './area-panel-types.ts';
import { useFetched } from './use-fetched.ts';

const percent = (rate: number | null) => (rate === null ? '—' : `${(rate * 100).toFixed(1)}%`);

function Figure({ label, value, testId }: { label: string; value: string | number; testId?: string }) {
  return (
    <div className="figure">
      <dt>{label}</dt>
      <dd data-testid={testId}>{value}</dd>
    </div>
  );
}

function Rates({ label, rates, testId }: { label: string; rates: NewOrgRatesView; testId: string }) {
  return (
    <tr data-testid={testId}>
      <th scope="row">{label}</th>
      <td>{rates.total}</td>
      <td>{percent(rates.formation_rate)}</td>
      <td>{percent(rates.coverage_rate)}</td>
    </tr>
  );
}

function PanelBody({ panel }: { panel: AreaPanel }) {
  const { t } = useTranslation(['oneMap', 'registry']);
  const g = panel.grids;
  return (
    <>
      <section className="panel-section four-ones" data-testid="area-panel-four-ones">
        <h3>{t('oneMap:panel.fourOnes')}</h3>
        <dl className="figures">
          <Figure label={t('oneMap:panel.grids')} value={g.total} testId="area-panel-grids" />
          <Figure label={t('oneMap:panel.withBranch')} value={`${g.with_branch} / ${g.total}`} testId="area-panel-with-branch" />
          <Figure label={t('oneMap:panel.withLeader')} value={`${g.with_leader} / ${g.total}`} />
          <Figure label={t('oneMap:panel.withPosition')} value={`${g.with_position} / ${g.total}`} />
          {panel.kind === 'grid' && <Figure label={t('oneMap:panel.leader')} value={g.leader?.name ?? t('oneMap:panel.noLeader')} testId="area-panel-leader" />}
          <Figure label={t('oneMap:panel.workers')} value={g.workers} />
        </dl>
      </section>
      <section className="panel-section">
        <h3>{t('oneMap:panel.members')}</h3>
        <dl className="figures">
          <Figure label={t('oneMap:panel.members')} value={panel.members.total} testId="area-panel-members" />
          <Figure label={t('oneMap:panel.available')} value={panel.members.available} />
          <Figure label={t('oneMap:panel.inService')} value={panel.members.in_service} />
          <Figure label={t('oneMap:panel.mobile')} value={panel.members.mobile} />
        </dl>
      </section>
      <section className="panel-section">
        <h3>
          {t('oneMap:panel.orgs')} <span className="count">{panel.orgs.total}</span>
        </h3>
        <ul className="panel-list" data-testid="area-panel-orgs">
          {panel.orgs.items.map((o) => (
            <li key={o.id}>
              <Link href={registryPaths.org(o.id)}>{o.name}</Link> <span className="tag">{t(`registry:orgKind.${o.kind}`)}</span>
            </li>
          ))}
          {panel.orgs.items.length === 0 && <li className="muted">{t('oneMap:panel.none')}</li>}
          {panel.orgs.total > panel.orgs.items.length && (
            <li className="muted">{t('oneMap:panel.more', { count: panel.orgs.total - panel.orgs.items.length })}</li>
          )}
        </ul>
      </section>
      <section className="panel-section">
        <h3>
          {t('oneMap:panel.places')} <span className="count">{panel.places.total}</span>
        </h3>
        <ul className="panel-list" data-testid="area-panel-places">
          {panel.places.items.map((p) => (
            <li key={p.id}>
              <Link href={registryPaths.place(p.id)}>{p.name}</Link> <span className="tag">{t(`registry:placeKind.${p.kind as 'model_site'}`)}</span>
            </li>
          ))}
          {panel.places.items.length === 0 && <li className="muted">{t('oneMap:panel.none')}</li>}
        </ul>
      </section>
      <section className="panel-section">
        <h3>{t('oneMap:panel.newOrgs')}</h3>
        <table className="rates" data-testid="area-panel-rates">
          <thead>
            <tr>
              <th />
              <th>{t('oneMap:panel.newOrgs')}</th>
              <th>{t('oneMap:panel.formationRate')}</th>
              <th>{t('oneMap:panel.coverageRate')}</th>
            </tr>
          </thead>
          <tbody>
            <Rates label={t('oneMap:panel.enterprise')} rates={panel.new_orgs.enterprise} testId="area-panel-rates-enterprise" />
            <Rates label={t('oneMap:panel.socialOrg')} rates={panel.new_orgs.social_org} testId="area-panel-rates-social" />
          </tbody>
        </table>
      </section>
      <section className="panel-section">
        <dl className="figures">
          <Figure label={`${t('oneMap:panel.wishes')} · ${t('oneMap:panel.wishOpen')}`} value={panel.wishes.open} testId="area-panel-wishes-open" />
          <Figure label={t('oneMap:panel.wishClaimed')} value={panel.wishes.claimed} />
          <Figure label={t('oneMap:panel.wishFulfilled')} value={panel.wishes.fulfilled} />
          <Figure label={t('oneMap:panel.cases')} value={panel.cases.open} testId="area-panel-cases" />
        </dl>
      </section>
    </>
  );
}

/** The area panel (网格、支部、网格长、阵地) of an area or a grid. */
export function AreaPanelView({
  kind,
  code,
  onClose,
  onLoaded,
}: {
  kind: 'area' | 'grid';
  code: string;
  onClose: () => void;
  onLoaded: (panel: AreaPanel) => void;
}) {
  const { t } = useTranslation('oneMap');
  const state = useFetched(`${kind}:${code}`, async (signal) => {
    const panel = await fetchAreaPanel(kind, code, signal);
    onLoaded(panel);
    return panel;
  });
  const title = state.status === 'done' ? state.value.name : code;
  return (
    <aside className="panel area-panel" data-testid="area-panel" data-kind={kind} data-code={code} data-state={state.status} aria-live="polite">
      <header className="panel-header">
        <h2>
          <span className="tag">{kind === 'grid' ? t('panel.gridTitle') : t('panel.title')}</span> {title}
        </h2>
        <button type="button" className="icon-button" onClick={onClose} aria-label={t('panel.close')}>
          ×
        </button>
      </header>
      {state.status === 'done' && (
        <p className="muted">
          <code className="code">{state.value.code}</code>
          {state.value.parent && ` · ${t('panel.parent')} ${state.value.parent.name}`}
        </p>
      )}
      {state.status === 'loading' && <p className="muted">{t('panel.loading')}</p>}
      {state.status === 'error' && (
        <p className="form-error" role="alert">
          {t('panel.failed')}: {state.message}
        </p>
      )}
      {state.status === 'done' && <PanelBody panel={state.value} />}
    </aside>
  );
}

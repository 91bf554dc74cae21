import { Fragment, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { AreaRates, KindRates } from '../api/contract.ts';
import { fetchNewOrgRates } from '../api/new-orgs.api.ts';
import { useFetched } from '../one-map/use-fetched.ts';

const percent = (rate: number | null) => (rate === null ? '—' : `${(rate * 100).toFixed(1)}%`);

function KindCells({ rates, testId }: { rates: KindRates; testId: string }) {
  return (
    <>
      <td data-testid={`${testId}-total`}>{rates.total}</td>
      <td data-testid={`${testId}-formation`}>{percent(rates.formation_rate)}</td>
      <td data-testid={`${testId}-coverage`}>{percent(rates.coverage_rate)}</td>
    </>
  );
}

/**
 * 组建率 and 覆盖率 of enterprises and social organizations per child area of the caller's widest
 * area (a county's towns, a town's communities); a town's row opens its communities.
 */
export function RatesTable({ refresh }: { refresh: number }) {
  const { t } = useTranslation('newOrgs');
  /** the areas drilled into, outermost first; empty: the caller's own */
  const [path, setPath] = useState<{ code: string; name: string }[]>([]);
  const area = path.at(-1)?.code ?? null;
  const state = useFetched(`${area ?? ''}:${refresh}`, (signal) => fetchNewOrgRates(area, signal));

  if (state.status === 'loading') return <p className="muted">{t('loading')}</p>;
  if (state.status === 'error')
    return (
      <p className="form-error" role="alert">
        {t('failed', { message: state.message })}
      </p>
    );
  const rates = state.value;
  const drillable = (a: AreaRates) => a.level === 'town';
  return (
    <section className="panel-section new-org-rates" data-testid="new-org-rates" data-area={rates.area.code}>
      <h3>
        {t('rates.title')} · {rates.area.name}
      </h3>
      <p className="muted">{t('rates.rule', { count: rates.own_branch_min_members })}</p>
      <table className="rates">
        <thead>
          <tr>
            <th scope="col" rowSpan={2}>
              {t('rates.area')}
            </th>
            <th scope="colgroup" colSpan={3}>
              {t('kind.enterprise')}
            </th>
            <th scope="colgroup" colSpan={3}>
              {t('kind.social_org')}
            </th>
          </tr>
          <tr>
            {[0, 1].map((i) => (
              <Fragment key={i}>
                <th scope="col">{t('rates.total')}</th>
                <th scope="col">{t('rates.formation')}</th>
                <th scope="col">{t('rates.coverage')}</th>
              </Fragment>
            ))}
          </tr>
        </thead>
        <tbody>
          {rates.areas.map((a) => (
            <tr key={a.code} data-testid="new-org-rates-row" data-code={a.code}>
              <th scope="row">
                {drillable(a) ? (
                  <button
                    type="button"
                    className="link-button"
                    onClick={() => setPath([...path, { code: a.code, name: a.name }])}
                    title={t('rates.drill', { name: a.name })}
                  >
                    {a.name}
                  </button>
                ) : (
                  a.name
                )}
                {a.target_on && <small className="muted new-org-target"> {t('rates.target', { date: a.target_on })}</small>}
              </th>
              <KindCells rates={a.enterprise} testId="new-org-rates-enterprise" />
              <KindCells rates={a.social_org} testId="new-org-rates-social" />
            </tr>
          ))}
        </tbody>
        <tfoot>
          <tr data-testid="new-org-rates-totals">
            <th scope="row">{t('rates.totals')}</th>
            <KindCells rates={rates.totals.enterprise} testId="new-org-totals-enterprise" />
            <KindCells rates={rates.totals.social_org} testId="new-org-totals-social" />
          </tr>
        </tfoot>
      </table>
      {path.length > 0 && (
        <button type="button" className="link-button" onClick={() => setPath(path.slice(0, -1))} data-testid="new-org-rates-up">
          {t('rates.up')}
        </button>
      )}
      <p className="muted small">{t('rates.definition')}</p>
    </section>
  );
}

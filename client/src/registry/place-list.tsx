import { useCallback, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useLoaded } from '../admin/use-loaded.ts';
import { fetchPlaces, placeExportQuery, type PlaceFilter } from '../api/places.api.ts';
import type { PlaceKind } from '../api/contract.ts';
import { exportUrl } from '../api/registry-files.api.ts';
import { useDebounced } from '../dispatch/use-debounced.ts';
import { Link } from '../shell/link.tsx';
import type { RegistryRights } from './registry-roles.ts';
import { registryPaths } from './registry-route.ts';

export const placeKinds: readonly PlaceKind[] = ['service_center', 'service_station', 'center_household', 'education_site', 'model_site'];

/** 服务阵地: the service positions of the caller's scope, by kind and name, with exports. */
export function PlaceList({ rights }: { rights: RegistryRights }) {
  const { t } = useTranslation('registry');
  const [kind, setKind] = useState('');
  const [q, setQ] = useState('');
  const [status, setStatus] = useState<'open' | 'closed' | 'all'>('open');
  const settledQ = useDebounced(q.trim(), 300);
  const filter: PlaceFilter = { status, ...(kind ? { kind } : {}), ...(settledQ ? { q: settledQ } : {}) };
  const key = JSON.stringify(filter);
  const places = useLoaded(
    // eslint-disable-next-line react-hooks/exhaustive-deps -- the filter is compared by its JSON
    useCallback((signal: AbortSignal) => fetchPlaces({ ...filter, limit: 500 }, signal), [key]),
  );
  const list = places.value?.places ?? [];
  return (
    <section className="registry-record">
      <header className="record-header">
        <h2>{t('places.title')}</h2>
        <div className="registry-actions">
          {rights.edit && (
            <>
              <Link className="primary-button as-link" href={registryPaths.placeNew()} data-testid="place-new">
                {t('places.add')}
              </Link>
              <a className="secondary-button as-link" href={exportUrl('places', 'csv', placeExportQuery(filter))} download>
                {t('exportCsv')}
              </a>
              <a className="secondary-button as-link" href={exportUrl('places', 'geojson', placeExportQuery(filter))} download>
                {t('exportGeojson')}
              </a>
            </>
          )}
        </div>
      </header>
      <div className="inline-filters">
        <label className="field">
          <span>{t('places.kind')}</span>
          <select value={kind} onChange={(event) => setKind(event.target.value)} data-testid="place-filter-kind">
            <option value="">{t('places.all')}</option>
            {placeKinds.map((k) => (
              <option key={k} value={k}>
                {t(`placeKind.${k}`)}
              </option>
            ))}
          </select>
        </label>
        <label className="field">
          <span>{t('places.search')}</span>
          <input type="search" value={q} onChange={(event) => setQ(event.target.value)} />
        </label>
        <label className="field">
          <span>{t('members.status')}</span>
          <select value={status} onChange={(event) => setStatus(event.target.value as typeof status)}>
            <option value="open">{t('members.statusCurrent')}</option>
            <option value="closed">{t('closed')}</option>
            <option value="all">{t('members.statusAll')}</option>
          </select>
        </label>
      </div>
      <div className="registry-scroll">
        <table className="registry-table" data-testid="place-table">
          <thead>
            <tr>
              <th>{t('places.name')}</th>
              <th>{t('places.kind')}</th>
              <th>{t('places.area')}</th>
              <th>{t('places.address')}</th>
            </tr>
          </thead>
          <tbody>
            {list.map((place) => (
              <tr key={place.id} data-testid="place-row">
                <td>
                  <Link href={registryPaths.place(place.id)}>{place.name}</Link>
                  {place.closed_on && <span className="tag grey">{t('closed')}</span>}
                </td>
                <td>
                  {t(`placeKind.${place.kind}`)}
                  {place.tier && <span className="muted"> · {t(`tier.${place.tier}` as 'tier.town', { defaultValue: place.tier })}</span>}
                </td>
                <td>{place.area_name}</td>
                <td>{place.address ?? ''}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      {places.error && <p className="form-error">{places.error.message}</p>}
      {places.value && list.length === 0 && <p className="muted registry-empty">{t('empty')}</p>}
    </section>
  );
}

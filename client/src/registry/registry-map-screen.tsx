import { useCallback, useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import { useLoaded } from '../admin/use-loaded.ts';
import type { LngLatTuple } from '../api/locate.api.ts';
import { fetchOrg } from '../api/orgs.api.ts';
import { fetchPlace } from '../api/places.api.ts';
import { exportUrl } from '../api/registry-files.api.ts';
import type { OrgRecord, PlaceRecord } from '../api/contract.ts';
import { Link } from '../shell/link.tsx';
import { navigate } from '../shell/navigation.ts';
import { OrgTree } from './org-tree.tsx';
import { RegistryMap } from './registry-map.tsx';
import type { RegistryRights } from './registry-roles.ts';
import { registryPaths } from './registry-route.ts';
import { useRegistryMarkers, type RegistryMarker } from './use-registry-markers.ts';

type Focus = { kind: 'org' | 'place'; id: number } | null;

const noHouseholds: LngLatTuple[] = [];

function useFocused(focus: Focus) {
  const load = useCallback(
    (signal: AbortSignal): Promise<{ org: OrgRecord } | { place: PlaceRecord } | null> => {
      if (focus === null) return Promise.resolve(null);
      return focus.kind === 'org' ? fetchOrg(focus.id, signal).then((org) => ({ org })) : fetchPlace(focus.id, signal).then((place) => ({ place }));
    },
    [focus?.kind, focus?.id], // eslint-disable-line react-hooks/exhaustive-deps -- the focus is a new object on every render
  );
  return useLoaded(load);
}

function FocusCard({ loaded, rights }: { loaded: ReturnType<typeof useFocused>; rights: RegistryRights }) {
  const { t } = useTranslation('registry');
  const value = loaded.value;
  if (loaded.error) {
    return (
      <aside className="panel registry-focus" data-testid="registry-focus">
        <p className="form-error">{loaded.error.code === 'not_found' ? t('notFound') : loaded.error.message}</p>
      </aside>
    );
  }
  if (value === null) return null;
  if ('org' in value) {
    const org = value.org;
    return (
      <aside className="panel registry-focus" data-testid="registry-focus" data-org-id={org.id}>
        <header className="panel-header">
          <h2>{org.name}</h2>
        </header>
        <dl className="registry-facts compact">
          <dt>{t('org.kind')}</dt>
          <dd>{t(`orgKind.${org.kind}`)}</dd>
          <dt>{t('org.area')}</dt>
          <dd>{org.area_name}</dd>
          <dt>{t('org.secretary')}</dt>
          <dd>{org.secretary_name ?? t('none')}</dd>
          <dt>{t('org.memberCount')}</dt>
          <dd data-testid="focus-member-count">{org.member_count}</dd>
        </dl>
        <div className="registry-actions">
          <Link className="primary-button as-link" href={registryPaths.org(org.id)} data-testid="focus-open">
            {t('showRecord')}
          </Link>
          {rights.members && (
            <Link className="secondary-button as-link" href={registryPaths.members(org.id)} data-testid="focus-members">
              {t('org.members')}
            </Link>
          )}
        </div>
      </aside>
    );
  }
  const place = value.place;
  return (
    <aside className="panel registry-focus" data-testid="registry-focus" data-place-id={place.id}>
      <header className="panel-header">
        <h2>{place.name}</h2>
      </header>
      <dl className="registry-facts compact">
        <dt>{t('places.kind')}</dt>
        <dd>{t(`placeKind.${place.kind}`)}</dd>
        <dt>{t('places.area')}</dt>
        <dd>{place.area_name}</dd>
        {place.linked_households !== null && (
          <>
            <dt>{t('places.linkedHouseholds')}</dt>
            <dd>{place.linked_households}</dd>
          </>
        )}
      </dl>
      <div className="registry-actions">
        <Link className="primary-button as-link" href={registryPaths.place(place.id)} data-testid="focus-open">
          {t('showRecord')}
        </Link>
      </div>
    </aside>
  );
}

/** The map screen: the organization tree beside the map; a tree row or a marker shows its record. */
export function RegistryMapScreen({ focus, rights }: { focus: Focus; rights: RegistryRights }) {
  const { t } = useTranslation('registry');
  const markers = useRegistryMarkers();
  const focused = useFocused(focus);
  const value = focused.value;
  const center = useMemo((): LngLatTuple | null => {
    if (value === null) return null;
    const position = 'org' in value ? value.org.position : value.place.position;
    return position ? (position as LngLatTuple) : null;
  }, [value]);
  const households = useMemo(
    (): LngLatTuple[] =>
      value !== null && 'place' in value && value.place.households ? value.place.households.map((h) => h.position as LngLatTuple) : noHouseholds,
    [value],
  );
  const onPick = useCallback((marker: RegistryMarker) => navigate(marker.kind === 'org' ? registryPaths.org(marker.id) : registryPaths.place(marker.id)), []);

  return (
    <div className="registry-map-screen">
      <aside className="registry-sidebar">
        <OrgTree selectedId={focus?.kind === 'org' ? focus.id : null} onSelect={(org) => navigate(registryPaths.map({ kind: 'org', id: org.id }))} />
        {rights.edit && (
          <p className="registry-exports">
            {t('tree.title')}：
            <a href={exportUrl('orgs', 'csv', '')} download data-testid="orgs-export-csv">
              {t('exportCsv')}
            </a>
            <a href={exportUrl('orgs', 'geojson', '')} download>
              {t('exportGeojson')}
            </a>
          </p>
        )}
      </aside>
      <div className="registry-map-wrap">
        <RegistryMap orgs={markers.orgs} places={markers.places} selected={focus} center={center} households={households} onPick={onPick} />
        {focus && <FocusCard loaded={focused} rights={rights} />}
      </div>
    </div>
  );
}

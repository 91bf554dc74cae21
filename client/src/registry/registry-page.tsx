import { useTranslation } from 'react-i18next';
import '../styles/registry.css';
import { Link } from '../shell/link.tsx';
import { useLocation } from '../shell/navigation.ts';
import { ImportWizard } from './import-wizard.tsx';
import { MemberForm } from './member-form.tsx';
import { MemberList } from './member-list.tsx';
import { MemberRecord } from './member-record.tsx';
import { OrgForm } from './org-form.tsx';
import { OrgRecord } from './org-record.tsx';
import { PlaceForm } from './place-form.tsx';
import { PlaceList } from './place-list.tsx';
import { PlaceRecord } from './place-record.tsx';
import { RegistryMapScreen } from './registry-map-screen.tsx';
import { ReviewScreen } from './review-screen.tsx';
import type { RegistryRights } from './registry-roles.ts';
import { registryPaths, registryRoute, type RegistryRoute } from './registry-route.ts';

const tabOf = (route: RegistryRoute) => {
  if (route.screen === 'map' || route.screen.startsWith('org')) return 'map';
  if (route.screen.startsWith('member')) return 'members';
  if (route.screen.startsWith('place')) return 'places';
  return route.screen === 'import' || route.screen === 'review' ? route.screen : null;
};

function Screen({ route, rights }: { route: RegistryRoute; rights: RegistryRights }) {
  const { t } = useTranslation('registry');
  switch (route.screen) {
    case 'map':
      return <RegistryMapScreen focus={route.focus} rights={rights} />;
    case 'org':
      return <OrgRecord id={route.id} rights={rights} />;
    case 'org-form':
      return rights.edit ? <OrgForm id={route.id} parent={route.parent} /> : null;
    case 'members':
      return rights.members ? <MemberList org={route.org} rights={rights} /> : null;
    case 'member':
      return rights.members ? <MemberRecord id={route.id} rights={rights} /> : null;
    case 'member-form':
      return rights.edit ? <MemberForm id={route.id} org={route.org} /> : null;
    case 'places':
      return <PlaceList rights={rights} />;
    case 'place':
      return <PlaceRecord id={route.id} rights={rights} />;
    case 'place-form':
      return rights.edit ? <PlaceForm id={route.id} /> : null;
    case 'import':
      return rights.edit ? <ImportWizard /> : null;
    case 'review':
      return rights.edit ? <ReviewScreen rights={rights} /> : null;
    default:
      return <p className="registry-empty muted">{t('notFound')}</p>;
  }
}

/**
 * 党建台账 (`/registry/…`): the organization tree beside the map, records of organizations,
 * members and service positions with their history, forms, and the import wizard. What a role may
 * not do is not offered; the server checks every call again.
 */
export default function RegistryPage({ rights }: { rights: RegistryRights }) {
  const { t } = useTranslation('registry');
  const { pathname, search } = useLocation();
  const route = registryRoute(pathname, search);
  const tab = tabOf(route);
  const tabs = [
    { key: 'map', href: registryPaths.map(), shown: true },
    { key: 'members', href: registryPaths.members(), shown: rights.members },
    { key: 'places', href: registryPaths.places(), shown: true },
    { key: 'review', href: registryPaths.review(), shown: rights.edit },
    { key: 'import', href: registryPaths.import(), shown: rights.edit },
  ] as const;
  return (
    <main className={route.screen === 'map' ? 'registry-page is-map' : 'registry-page'} data-testid="registry-page" data-screen={route.screen}>
      <nav className="registry-tabs" aria-label={t('title')}>
        <h1 className="registry-title">{t('title')}</h1>
        {tabs
          .filter((tabItem) => tabItem.shown)
          .map((tabItem) => (
            <Link
              key={tabItem.key}
              href={tabItem.href}
              className="registry-tab"
              aria-current={tab === tabItem.key ? 'page' : undefined}
              data-testid={`registry-tab-${tabItem.key}`}
            >
              {t(`tabs.${tabItem.key}`)}
            </Link>
          ))}
      </nav>
      <div className="registry-body">
        <Screen route={route} rights={rights} />
      </div>
    </main>
  );
}

import { useCallback, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useLoaded } from '../admin/use-loaded.ts';
import { fetchOrg } from '../api/orgs.api.ts';
import { exportUrl } from '../api/registry-files.api.ts';
import { memberExportQuery, type MemberFilter } from '../api/registry-members.api.ts';
import { Link } from '../shell/link.tsx';
import { MemberFilters } from './member-filters.tsx';
import { MemberTable, usePagedMembers } from './org-members.tsx';
import type { RegistryRights } from './registry-roles.ts';
import { registryPaths } from './registry-route.ts';

function ListBody({ initial, rights, orgId }: { initial: MemberFilter; rights: RegistryRights; orgId: number | null }) {
  const { t } = useTranslation('registry');
  const org = useLoaded(useCallback((signal: AbortSignal) => (orgId === null ? Promise.resolve(null) : fetchOrg(orgId, signal)), [orgId]));
  const [filter, setFilter] = useState<MemberFilter>(initial);
  const paged = usePagedMembers(filter, 50);
  const exportQuery = memberExportQuery(filter);
  if (orgId !== null && org.value === null && !org.error) return <p className="muted registry-empty">{t('loading')}</p>;
  return (
    <div className="registry-list">
      <aside className="registry-filters">
        <MemberFilters org={org.value} onApply={setFilter} />
      </aside>
      <section className="registry-list-main">
        <header className="record-header">
          <h2>
            {t('members.title')}
            {org.value && <span className="muted"> · {org.value.name}</span>}
          </h2>
          <div className="registry-actions">
            {rights.edit && (
              <Link className="primary-button as-link" href={registryPaths.memberNew(filter.org)} data-testid="member-new">
                {t('members.add')}
              </Link>
            )}
            {rights.edit && (
              <>
                <a className="secondary-button as-link" href={exportUrl('members', 'csv', exportQuery)} download data-testid="members-export-csv">
                  {t('exportCsv')}
                </a>
                <a className="secondary-button as-link" href={exportUrl('members', 'geojson', exportQuery)} download data-testid="members-export-geojson">
                  {t('exportGeojson')}
                </a>
              </>
            )}
          </div>
        </header>
        <MemberTable paged={paged} />
      </section>
    </div>
  );
}

/** 党员名册: the members of the caller's scope, filtered; `org` from the address narrows it to one organization. */
export function MemberList({ org, rights }: { org: number | null; rights: RegistryRights }) {
  const initial: MemberFilter = org === null ? { status: 'current' } : { status: 'current', org };
  // a new organization in the address starts a new list
  return <ListBody key={org ?? 'all'} initial={initial} rights={rights} orgId={org} />;
}

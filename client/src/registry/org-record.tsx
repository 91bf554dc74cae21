import { useCallback, useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import { useLoaded } from '../admin/use-loaded.ts';
import { fetchOrg, fetchOrgs } from '../api/orgs.api.ts';
import { fetchPlaces } from '../api/places.api.ts';
import { exportUrl } from '../api/registry-files.api.ts';
import { memberExportQuery } from '../api/registry-members.api.ts';
import { Link } from '../shell/link.tsx';
import { HistoryList } from './history-list.tsx';
import { OrgActions } from './org-actions.tsx';
import { MemberTable, usePagedMembers } from './org-members.tsx';
import type { RegistryRights } from './registry-roles.ts';
import { registryPaths } from './registry-route.ts';
import { RecordSection } from './record-section.tsx';

function OrgMembers({ orgId }: { orgId: number }) {
  const { t } = useTranslation('registry');
  const filter = useMemo(() => ({ org: orgId }), [orgId]);
  const paged = usePagedMembers(filter, 20);
  return (
    <RecordSection
      title={t('org.members')}
      testId="org-members"
      extra={
        <>
          <Link href={registryPaths.members(orgId)} data-testid="org-all-members">
            {t('org.allMembers')}
          </Link>
          <a href={exportUrl('members', 'csv', memberExportQuery({ org: orgId }))} download>
            {t('exportCsv')}
          </a>
        </>
      }
    >
      <MemberTable paged={paged} showOrg={false} />
    </RecordSection>
  );
}

function OrgChildren({ orgId }: { orgId: number }) {
  const { t } = useTranslation('registry');
  const children = useLoaded(useCallback((signal: AbortSignal) => fetchOrgs({ parent: orgId, limit: 500 }, signal), [orgId]));
  const list = children.value?.orgs ?? [];
  if (list.length === 0) return null;
  return (
    <RecordSection title={t('org.children')} testId="org-children">
      <ul className="plain-list">
        {list.map((child) => (
          <li key={child.id}>
            <Link href={registryPaths.org(child.id)}>{child.name}</Link> <span className="tag soft">{t(`orgKind.${child.kind}`)}</span>{' '}
            <span className="muted">{t('tree.members', { count: child.member_count })}</span>
          </li>
        ))}
      </ul>
    </RecordSection>
  );
}

function OrgPlaces({ areaCode }: { areaCode: string }) {
  const { t } = useTranslation('registry');
  const places = useLoaded(useCallback((signal: AbortSignal) => fetchPlaces({ area: areaCode, limit: 50 }, signal), [areaCode]));
  const list = places.value?.places ?? [];
  return (
    <RecordSection title={t('org.places')} testId="org-places">
      {list.length === 0 ? (
        <p className="muted registry-empty">{t('none')}</p>
      ) : (
        <ul className="plain-list">
          {list.map((place) => (
            <li key={place.id}>
              <Link href={registryPaths.place(place.id)}>{place.name}</Link> <span className="tag soft">{t(`placeKind.${place.kind}`)}</span>
            </li>
          ))}
        </ul>
      )}
    </RecordSection>
  );
}

/** 党组织档案: fields, members, sub-organizations, service positions, grids, pairings, regional groups, history. */
export function OrgRecord({ id, rights }: { id: number; rights: RegistryRights }) {
  const { t } = useTranslation('registry');
  const loaded = useLoaded(useCallback((signal: AbortSignal) => fetchOrg(id, signal), [id]));
  const org = loaded.value?.id === id ? loaded.value : null;
  if (loaded.error) return <p className="form-error registry-empty">{loaded.error.code === 'not_found' ? t('notFound') : loaded.error.message}</p>;
  if (!org) return <p className="muted registry-empty">{t('loading')}</p>;
  const none = <span className="muted">{t('none')}</span>;
  return (
    <article className="registry-record" data-testid="org-record" data-org-id={org.id}>
      <header className="record-header">
        <div>
          <h2 data-testid="org-name">{org.name}</h2>
          <span className="tag">{t(`orgKind.${org.kind}`)}</span>{' '}
          <span className="tag soft">{t(`sector.${org.sector}` as 'sector.village', { defaultValue: org.sector })}</span>{' '}
          {org.closed_on && <span className="tag grey">{t('closedOn', { date: org.closed_on })}</span>}
        </div>
        <div className="registry-actions">
          {org.position && !org.closed_on && (
            <Link className="secondary-button as-link" href={registryPaths.map({ kind: 'org', id: org.id })} data-testid="org-show-on-map">
              {t('showOnMap')}
            </Link>
          )}
        </div>
      </header>
      <dl className="registry-facts">
        <dt>{t('org.memberCount')}</dt>
        <dd data-testid="org-member-count">{org.member_count}</dd>
        <dt>{t('org.parent')}</dt>
        <dd>{org.parent ? <Link href={registryPaths.org(org.parent.id)}>{org.parent.name}</Link> : none}</dd>
        <dt>{t('org.area')}</dt>
        <dd>
          {org.area_name} <code className="code inline">{org.area_code}</code>
        </dd>
        <dt>{t('org.secretary')}</dt>
        <dd data-testid="org-secretary">{org.secretary_name ?? none}</dd>
        <dt>{t('org.foundedOn')}</dt>
        <dd>{org.founded_on ?? none}</dd>
        <dt>{t('org.grids')}</dt>
        <dd>{org.grids.length === 0 ? none : org.grids.map((g) => `${g.name}（${g.code}）`).join('、')}</dd>
        <dt>{t('org.regionalGroups')}</dt>
        <dd>
          {org.regional_groups.length === 0 ? none : org.regional_groups.map((g) => (g.is_lead ? `${g.name}（${t('org.leadGroup')}）` : g.name)).join('、')}
        </dd>
        <dt>{t('org.pairings')}</dt>
        <dd>
          {org.pairings.length === 0
            ? none
            : org.pairings.map((p) => (
                <div key={p.id}>
                  {p.partner_name} <span className="tag soft">{t(`partnerKind.${p.partner_kind}` as 'partnerKind.org', { defaultValue: p.partner_kind })}</span>{' '}
                  <span className="muted">
                    {p.ended_on ? t('org.pairingRange', { from: p.started_on, to: p.ended_on }) : t('org.pairingSince', { from: p.started_on })}
                  </span>
                </div>
              ))}
        </dd>
        {org.merged_into && (
          <>
            <dt>{t('closed')}</dt>
            <dd>
              <Link href={registryPaths.org(org.merged_into.id)}>{t('org.mergedInto', { name: org.merged_into.name })}</Link>
            </dd>
          </>
        )}
        {org.close_reason && (
          <>
            <dt>{t('org.closeReason')}</dt>
            <dd>{org.close_reason}</dd>
          </>
        )}
      </dl>
      {rights.edit && !org.closed_on && <OrgActions org={org} onChanged={loaded.reload} />}
      {rights.members && <OrgMembers orgId={org.id} />}
      <OrgChildren orgId={org.id} />
      <OrgPlaces areaCode={org.area_code} />
      <RecordSection title={t('org.history')} testId="org-history">
        <HistoryList entries={org.history} testId="org-history-list" />
      </RecordSection>
    </article>
  );
}

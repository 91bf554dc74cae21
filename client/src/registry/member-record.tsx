import { useCallback } from 'react';
import { useTranslation } from 'react-i18next';
import { useLoaded } from '../admin/use-loaded.ts';
import { fetchMember } from '../api/registry-members.api.ts';
import { SkillList } from '../dispatch/skill-list.tsx';
import { Stars } from '../dispatch/stars.tsx';
import { Link } from '../shell/link.tsx';
import { positionText } from './field-errors.ts';
import { HistoryList } from './history-list.tsx';
import { MemberActions } from './member-actions.tsx';
import { PointsLedger } from './points-ledger.tsx';
import { RecordSection } from './record-section.tsx';
import type { RegistryRights } from './registry-roles.ts';
import { registryPaths } from './registry-route.ts';
import { PersonalLink } from '../wishes/personal-link.tsx';

/**
 * 党员档案: who, where (exact home and phone only as the API gives them: member.read_exact, audited),
 * the movements (转接, 双报到, 流动, 减少) as history, the points ledger, and the actions.
 */
export function MemberRecord({ id, rights }: { id: number; rights: RegistryRights }) {
  const { t } = useTranslation('registry');
  const loaded = useLoaded(useCallback((signal: AbortSignal) => fetchMember(id, signal), [id]));
  const member = loaded.value?.id === id ? loaded.value : null;
  if (loaded.error) return <p className="form-error registry-empty">{loaded.error.code === 'not_found' ? t('notFound') : loaded.error.message}</p>;
  if (!member) return <p className="muted registry-empty">{t('loading')}</p>;
  const none = <span className="muted">{t('none')}</span>;
  const yesNo = (value: boolean) => (value ? t('yes') : t('no'));
  return (
    <article className="registry-record" data-testid="member-record" data-member-id={member.id}>
      <header className="record-header">
        <div>
          <h2 data-testid="member-name">{member.name}</h2>
          <Stars count={member.stars} /> {member.left && <span className="tag grey">{t('members.left')}</span>}
        </div>
      </header>
      <dl className="registry-facts">
        <dt>{t('member.org')}</dt>
        <dd data-testid="member-org">
          <Link href={registryPaths.org(member.org.id)}>{member.org.name}</Link>
        </dd>
        <dt>{t('member.gender')}</dt>
        <dd>{t(`member.${member.gender}`)}</dd>
        <dt>{t('member.birthYear')}</dt>
        <dd>{member.birth_year ?? none}</dd>
        <dt>{t('member.joinedOn')}</dt>
        <dd>{member.joined_on ?? none}</dd>
        <dt>{t('member.phone')}</dt>
        <dd data-testid="member-phone">{member.phone ?? none}</dd>
        <dt>{t('member.home')}</dt>
        <dd>
          {member.position ? <code className="code inline">{positionText(member.position)}</code> : none}
          {member.precision === 'generalized' && <small className="muted"> {t('member.precisionGeneralized')}</small>}
        </dd>
        <dt>{t('members.skills')}</dt>
        <dd>
          <SkillList skills={member.skills} />
        </dd>
        <dt>{t('member.inService')}</dt>
        <dd>{yesNo(member.in_service)}</dd>
        <dt>{t('member.available')}</dt>
        <dd>{yesNo(member.available)}</dd>
        <dt>{t('member.registration')}</dt>
        <dd data-testid="member-registration">
          {member.registration
            ? t('member.registeredWith', { community: member.registration.community_name, since: member.registration.since ?? '—' })
            : t('member.notRegistered')}
        </dd>
        <dt>{t('member.mobilePlace')}</dt>
        <dd data-testid="member-mobile">
          {member.mobile_place
            ? t('member.mobileSince', {
                place: member.mobile_place.area_name ?? member.mobile_place.whereabouts ?? '',
                since: member.mobile_place.since ?? '—',
              })
            : t('member.notMobile')}
        </dd>
        {member.left && (
          <>
            <dt>{t('members.left')}</dt>
            <dd>{t('member.leftOn', { date: member.left.on, reason: member.left.reason })}</dd>
          </>
        )}
      </dl>
      {rights.edit && !member.left && <MemberActions member={member} onChanged={loaded.reload} />}
      {rights.edit && !member.left && <PersonalLink memberId={member.id} />}
      <div className="record-columns">
        <RecordSection title={t('member.history')} testId="member-history">
          <HistoryList entries={member.history} testId="member-history-list" />
        </RecordSection>
        <PointsLedger memberId={member.id} canEdit={rights.edit && !member.left} onChanged={loaded.reload} />
      </div>
    </article>
  );
}

import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { MemberDetail, OrgSummary } from '../api/contract.ts';
import { endMobile, endRegistration, leaveMember, markMobile, registerMember, transferMember } from '../api/registry-members.api.ts';
import { todayInChina } from '../planner/today.ts';
import { Link } from '../shell/link.tsx';
import { ActionPanel } from './action-panel.tsx';
import { problemIf } from './field-errors.ts';
import { FormField } from './form-field.tsx';
import { OrgPicker } from './org-picker.tsx';
import { registryPaths } from './registry-route.ts';
import { useCommunities } from './use-communities.ts';

function DateField({ errors, name, value, onChange }: { errors: Record<string, string>; name: string; value: string; onChange: (value: string) => void }) {
  const { t } = useTranslation('registry');
  return (
    <FormField label={name === 'since' ? t('member.mobileSinceLabel') : t('effectiveOn')} name={name} errors={errors}>
      <input type="date" value={value} onChange={(event) => onChange(event.target.value)} />
    </FormField>
  );
}

/** The movements a registry.edit holder records for a member: transfer, 双报到, 流动, leaving. */
export function MemberActions({ member, onChanged }: { member: MemberDetail; onChanged: () => void }) {
  const { t } = useTranslation('registry');
  const communities = useCommunities();
  const [org, setOrg] = useState<OrgSummary | null>(null);
  const [date, setDate] = useState(todayInChina());
  const [reason, setReason] = useState('');
  const [community, setCommunity] = useState('');
  const [typedCode, setTypedCode] = useState('');
  const communityCode = typedCode || community;
  const [area, setArea] = useState('');
  const [whereabouts, setWhereabouts] = useState('');
  const required = t('validation.required');
  const done = () => {
    setOrg(null);
    setReason('');
    onChanged();
  };
  const reasonField = (errors: Record<string, string>, testId: string) => (
    <FormField label={t('reason')} name="reason" errors={errors}>
      <input value={reason} onChange={(event) => setReason(event.target.value)} maxLength={500} data-testid={`${testId}-reason`} />
    </FormField>
  );
  const optionalReason = reason.trim() === '' ? {} : { reason: reason.trim() };
  return (
    <div className="registry-actions wrap" data-testid="member-actions">
      <Link className="secondary-button as-link" href={registryPaths.memberEdit(member.id)} data-testid="member-edit">
        {t('edit')}
      </Link>
      <ActionPanel
        label={t('member.transfer')}
        testId="member-transfer"
        check={() => problemIf(!org, 'org_id', required)}
        send={() => transferMember(member.id, { org_id: org!.id, effective_on: date, ...optionalReason })}
        done={done}
      >
        {(errors) => (
          <div className="form-grid">
            <FormField label={t('member.transferTo')} name="org_id" errors={errors}>
              <OrgPicker value={org} onChange={setOrg} excludeId={member.org.id} testId="member-transfer-org" />
            </FormField>
            <DateField errors={errors} name="effective_on" value={date} onChange={setDate} />
            {reasonField(errors, 'member-transfer')}
          </div>
        )}
      </ActionPanel>
      {member.registration ? (
        <ActionPanel
          label={t('member.endRegistration')}
          testId="member-registration-end"
          send={() => endRegistration(member.id, { effective_on: date, ...optionalReason })}
          done={done}
        >
          {(errors) => (
            <div className="form-grid">
              <DateField errors={errors} name="effective_on" value={date} onChange={setDate} />
              {reasonField(errors, 'member-registration-end')}
            </div>
          )}
        </ActionPanel>
      ) : (
        <ActionPanel
          label={t('member.register')}
          testId="member-register"
          check={() => problemIf(!communityCode, 'community_code', required)}
          send={() => registerMember(member.id, { community_code: communityCode, effective_on: date })}
          done={done}
        >
          {(errors) => (
            <div className="form-grid">
              <FormField label={t('member.registerCommunity')} name="community_code" errors={errors}>
                <select value={community} onChange={(event) => setCommunity(event.target.value)} data-testid="member-register-community">
                  <option value="" />
                  {communities.map((c) => (
                    <option key={c.code} value={c.code}>
                      {c.name}
                    </option>
                  ))}
                </select>
                <input
                  value={typedCode}
                  onChange={(event) => setTypedCode(event.target.value.trim())}
                  placeholder={t('members.otherCommunity')}
                  inputMode="numeric"
                  maxLength={12}
                  aria-label={t('members.otherCommunity')}
                />
              </FormField>
              <DateField errors={errors} name="effective_on" value={date} onChange={setDate} />
            </div>
          )}
        </ActionPanel>
      )}
      {member.mobile ? (
        <ActionPanel label={t('member.endMobile')} testId="member-mobile-end" send={() => endMobile(member.id, { effective_on: date })} done={done}>
          {(errors) => <DateField errors={errors} name="effective_on" value={date} onChange={setDate} />}
        </ActionPanel>
      ) : (
        <ActionPanel
          label={t('member.markMobile')}
          testId="member-mobile"
          check={() => problemIf(!area.trim() && !whereabouts.trim(), 'whereabouts', required)}
          send={() =>
            markMobile(member.id, {
              since: date,
              ...(area.trim() ? { area_code: area.trim() } : {}),
              ...(whereabouts.trim() ? { whereabouts: whereabouts.trim() } : {}),
            })
          }
          done={done}
        >
          {(errors) => (
            <div className="form-grid">
              <FormField label={t('member.mobileWhereabouts')} name="whereabouts" errors={errors}>
                <input value={whereabouts} onChange={(event) => setWhereabouts(event.target.value)} maxLength={200} data-testid="member-mobile-whereabouts" />
              </FormField>
              <FormField label={t('member.mobileArea')} name="area_code" errors={errors}>
                <input value={area} onChange={(event) => setArea(event.target.value)} inputMode="numeric" maxLength={12} />
              </FormField>
              <DateField errors={errors} name="since" value={date} onChange={setDate} />
            </div>
          )}
        </ActionPanel>
      )}
      <ActionPanel
        label={t('member.leave')}
        testId="member-leave"
        danger
        submitLabel={t('member.confirmLeave')}
        check={() => problemIf(!reason.trim(), 'reason', t('reasonRequired'))}
        send={() => leaveMember(member.id, { effective_on: date, reason: reason.trim() })}
        done={done}
      >
        {(errors) => (
          <>
            <p className="muted">{t('member.leaveHint')}</p>
            <div className="form-grid">
              <DateField errors={errors} name="effective_on" value={date} onChange={setDate} />
              {reasonField(errors, 'member-leave')}
            </div>
          </>
        )}
      </ActionPanel>
    </div>
  );
}

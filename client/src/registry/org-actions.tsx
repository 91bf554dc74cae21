import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { closeOrg, mergeOrg, moveOrg } from '../api/orgs.api.ts';
import type { OrgRecord, OrgSummary } from '../api/contract.ts';
import { todayInChina } from '../planner/today.ts';
import { Link } from '../shell/link.tsx';
import { navigate } from '../shell/navigation.ts';
import { ActionPanel } from './action-panel.tsx';
import { problemIf } from './field-errors.ts';
import { FormField } from './form-field.tsx';
import { OrgPicker } from './org-picker.tsx';
import { registryPaths } from './registry-route.ts';

function DateAndReason({
  errors,
  date,
  setDate,
  reason,
  setReason,
  testId,
}: {
  errors: Record<string, string>;
  date: string;
  setDate: (v: string) => void;
  reason: string;
  setReason: (v: string) => void;
  testId: string;
}) {
  const { t } = useTranslation('registry');
  return (
    <>
      <FormField label={t('effectiveOn')} name="effective_on" errors={errors}>
        <input type="date" value={date} onChange={(event) => setDate(event.target.value)} />
      </FormField>
      <FormField label={t('reason')} name="reason" errors={errors}>
        <input value={reason} onChange={(event) => setReason(event.target.value)} maxLength={500} data-testid={`${testId}-reason`} />
      </FormField>
    </>
  );
}

/** What a registry.edit holder can do to an organization: edit, add under it, move, merge, close. */
export function OrgActions({ org, onChanged }: { org: OrgRecord; onChanged: (org: OrgRecord) => void }) {
  const { t } = useTranslation('registry');
  const [target, setTarget] = useState<OrgSummary | null>(null);
  const [date, setDate] = useState(todayInChina());
  const [reason, setReason] = useState('');
  const needTarget = () => problemIf(!target, 'target', t('validation.required'));
  const needReason = () => problemIf(!reason.trim(), 'reason', t('reasonRequired'));
  const reset = () => {
    setTarget(null);
    setReason('');
  };
  return (
    <div className="registry-actions wrap" data-testid="org-actions">
      <Link className="secondary-button as-link" href={registryPaths.orgEdit(org.id)} data-testid="org-edit">
        {t('edit')}
      </Link>
      <Link className="secondary-button as-link" href={registryPaths.memberNew(org.id)} data-testid="org-add-member">
        {t('org.addMember')}
      </Link>
      <Link className="secondary-button as-link" href={registryPaths.orgNew(org.id)} data-testid="org-new-child">
        {t('org.new')}
      </Link>
      <ActionPanel
        label={t('org.move')}
        testId="org-move"
        check={needTarget}
        send={() => moveOrg(org.id, { parent_id: target!.id, effective_on: date, ...(reason.trim() ? { reason: reason.trim() } : {}) })}
        done={() => {
          reset();
          onChanged(org);
        }}
      >
        {(errors) => (
          <>
            <FormField label={t('org.moveTo')} name="parent_id" errors={{ ...errors, parent_id: errors['parent_id'] ?? errors['target'] ?? '' }}>
              <OrgPicker value={target} onChange={setTarget} excludeId={org.id} testId="org-move-target" />
            </FormField>
            <DateAndReason errors={errors} date={date} setDate={setDate} reason={reason} setReason={setReason} testId="org-move" />
          </>
        )}
      </ActionPanel>
      <ActionPanel
        label={t('org.merge')}
        testId="org-merge"
        check={() => ({ ...needTarget(), ...needReason() })}
        send={() => mergeOrg(org.id, { into_id: target!.id, effective_on: date, reason: reason.trim() })}
        done={() => {
          const into = target!.id;
          reset();
          navigate(registryPaths.org(into));
        }}
      >
        {(errors) => (
          <>
            <p className="muted">{t('org.mergeHint')}</p>
            <FormField label={t('org.mergeInto')} name="into_id" errors={{ ...errors, into_id: errors['into_id'] ?? errors['target'] ?? '' }}>
              <OrgPicker value={target} onChange={setTarget} excludeId={org.id} testId="org-merge-target" />
            </FormField>
            <DateAndReason errors={errors} date={date} setDate={setDate} reason={reason} setReason={setReason} testId="org-merge" />
          </>
        )}
      </ActionPanel>
      <ActionPanel
        label={t('org.close')}
        testId="org-close"
        danger
        submitLabel={t('org.confirmClose')}
        check={needReason}
        send={() => closeOrg(org.id, { effective_on: date, reason: reason.trim() })}
        done={() => {
          reset();
          onChanged(org);
        }}
      >
        {(errors) => (
          <>
            <p className="muted">{t('org.closeHint')}</p>
            <DateAndReason errors={errors} date={date} setDate={setDate} reason={reason} setReason={setReason} testId="org-close" />
          </>
        )}
      </ActionPanel>
    </div>
  );
}

import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { CoverageMode, OrgSummary, TrackingItem } from '../api/contract.ts';
import { coverNewOrg } from '../api/new-orgs.api.ts';
import { ActionPanel } from '../registry/action-panel.tsx';
import type { FieldErrors } from '../registry/field-errors.ts';
import { FormField } from '../registry/form-field.tsx';
import { OrgPicker } from '../registry/org-picker.tsx';

const modes: readonly CoverageMode[] = ['own_branch', 'joint_branch', 'instructor'];

/** Today in China Standard Time, as the server takes days. */
const today = () => new Intl.DateTimeFormat('en-CA', { timeZone: 'Asia/Shanghai' }).format(new Date());

/**
 * 销号: close one tracked organization as covered — by its own or a joint branch (an open
 * organization picked by name) or by an instructor — on a day; `done` once the server took it.
 */
export function CoverForm({ entry, done }: { entry: TrackingItem; done: () => void }) {
  const { t } = useTranslation('newOrgs');
  const [mode, setMode] = useState<CoverageMode>(entry.new_org.member_count > 0 ? 'joint_branch' : 'instructor');
  const [org, setOrg] = useState<OrgSummary | null>(null);
  const [instructor, setInstructor] = useState('');
  const [on, setOn] = useState(today);

  const check = (): FieldErrors => {
    if (mode === 'instructor') return instructor.trim() === '' ? { instructor_name: t('cover.instructorRequired') } : {};
    return org === null ? { covering_org_id: t('cover.orgRequired') } : {};
  };
  const send = () =>
    coverNewOrg(entry.new_org.id, {
      mode,
      ...(mode === 'instructor' ? { instructor_name: instructor.trim() } : { covering_org_id: org!.id }),
      covered_on: on,
    });

  return (
    <ActionPanel label={t('cover.open')} testId="new-org-cover" check={check} send={send} done={done} submitLabel={t('cover.submit')}>
      {(errors) => (
        <div className="form-grid">
          <FormField label={t('cover.mode')} name="mode" errors={errors}>
            <select value={mode} onChange={(event) => setMode(event.target.value as CoverageMode)} data-testid="new-org-cover-mode">
              {modes.map((m) => (
                <option key={m} value={m}>
                  {t(`mode.${m}`)}
                </option>
              ))}
            </select>
          </FormField>
          {mode === 'instructor' ? (
            <FormField label={t('cover.instructor')} name="instructor_name" errors={errors}>
              <input value={instructor} maxLength={50} onChange={(event) => setInstructor(event.target.value)} data-testid="new-org-cover-instructor" />
            </FormField>
          ) : (
            <FormField label={t('cover.org')} name="covering_org_id" errors={errors}>
              <OrgPicker value={org} onChange={setOrg} testId="new-org-cover-org" />
            </FormField>
          )}
          <FormField label={t('cover.date')} name="covered_on" errors={errors}>
            <input type="date" value={on} max={today()} onChange={(event) => setOn(event.target.value)} data-testid="new-org-cover-date" />
          </FormField>
        </div>
      )}
    </ActionPanel>
  );
}

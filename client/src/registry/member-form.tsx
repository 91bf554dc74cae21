import type { TFunction } from 'i18next';
import { useCallback, useEffect, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { useLoaded } from '../admin/use-loaded.ts';
import { fetchOrg } from '../api/orgs.api.ts';
import type { MemberDetail, OrgSummary } from '../api/contract.ts';
import { createMember, fetchMember, updateMember } from '../api/registry-members.api.ts';
import { CreateMemberBody, UpdateMemberBody } from '../../../server/src/contract/members.ts';
import { parsePosition, positionText, withoutEmpty, type FieldErrors } from './field-errors.ts';
import { knownSkills, skillLabel } from '../dispatch/labels.ts';
import { FormField, FormFooter } from './form-field.tsx';
import { useRecordForm } from './use-record-form.ts';
import { OrgPicker } from './org-picker.tsx';
import { registryPaths } from './registry-route.ts';

interface Inputs {
  name: string;
  gender: 'male' | 'female';
  birth_year: string;
  position: string;
  phone: string;
  skills: string[];
  joined_on: string;
  in_service: boolean;
  available: boolean;
}

const blank: Inputs = { name: '', gender: 'male', birth_year: '', position: '', phone: '', skills: [], joined_on: '', in_service: false, available: true };

const inputsOf = (m: MemberDetail): Inputs => ({
  name: m.name,
  gender: m.gender,
  birth_year: m.birth_year === null ? '' : String(m.birth_year),
  position: positionText(m.position),
  phone: m.phone ?? '',
  skills: m.skills,
  joined_on: m.joined_on ?? '',
  in_service: m.in_service,
  available: m.available,
});

function check(inputs: Inputs, org: OrgSummary | null, creating: boolean, t: TFunction<'registry'>): FieldErrors {
  const errors: FieldErrors = {};
  if (inputs.name.trim() === '') errors['name'] = t('validation.required');
  if (creating && !org) errors['org_id'] = t('validation.required');
  if (inputs.birth_year.trim() !== '' && !/^\d{4}$/.test(inputs.birth_year.trim())) errors['birth_year'] = t('validation.year');
  if (inputs.phone.trim() !== '' && !/^1[3-9]\d{9}$/.test(inputs.phone.trim())) errors['phone'] = t('validation.phone');
  if (parsePosition(inputs.position) === null && (creating || inputs.position.trim() !== '')) errors['position'] = t('validation.position');
  return errors;
}

/**
 * Only what was changed is sent: a generalized position or a phone the API did not give stays as
 * the server has it (sending them back would overwrite the exact values).
 */
function changedOnly<B extends object>(inputs: Inputs, member: MemberDetail, body: B): Partial<B> {
  const before = inputsOf(member);
  return Object.fromEntries(Object.entries(body).filter(([key]) => inputs[key as keyof Inputs] !== before[key as keyof Inputs])) as Partial<B>;
}

/** A new member (in `org`), or a member's edit; the home position is exact, typed as "lng, lat". */
export function MemberForm({ id, org: orgId }: { id: number | null; org: number | null }) {
  const { t } = useTranslation('registry');
  const { t: tApp } = useTranslation();
  const known = useLoaded(useCallback((signal: AbortSignal) => (id === null ? Promise.resolve(null) : fetchMember(id, signal)), [id]));
  const startOrg = useLoaded(useCallback((signal: AbortSignal) => (orgId === null ? Promise.resolve(null) : fetchOrg(orgId, signal)), [orgId]));
  const { inputs, setInputs, set, errors, busy, checked, save } = useRecordForm<Inputs>(blank);
  const [org, setOrg] = useState<OrgSummary | null>(null);
  useEffect(() => {
    if (known.value) setInputs(inputsOf(known.value));
  }, [known.value, setInputs]);
  useEffect(() => {
    if (startOrg.value) setOrg(startOrg.value);
  }, [startOrg.value]);

  const submit = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    if (!checked(check(inputs, org, id === null, t))) return;
    const position = parsePosition(inputs.position);
    const common = {
      name: inputs.name.trim(),
      gender: inputs.gender,
      birth_year: inputs.birth_year.trim() === '' ? null : Number(inputs.birth_year),
      phone: inputs.phone.trim() || null,
      skills: inputs.skills,
      in_service: inputs.in_service,
      available: inputs.available,
      joined_on: inputs.joined_on || null,
    };
    const body =
      id === null || !known.value
        ? { ...withoutEmpty(common), org_id: org!.id, position: position! }
        : changedOnly(inputs, known.value, { ...common, ...(position ? { position } : {}) });
    if ('org_id' in body) save(CreateMemberBody, body, () => createMember(body), registryPaths.member);
    else save(UpdateMemberBody, body, () => updateMember(id!, body), registryPaths.member);
  };

  return (
    <form className="registry-record registry-form" onSubmit={submit} noValidate data-testid="member-form">
      <header className="record-header">
        <h2>{id === null ? t('member.newTitle') : t('member.editTitle', { name: known.value?.name ?? '' })}</h2>
      </header>
      <div className="form-grid">
        <FormField label={t('members.name')} name="name" errors={errors}>
          <input value={inputs.name} onChange={set('name')} maxLength={50} data-testid="member-form-name" />
        </FormField>
        <FormField label={t('member.gender')} name="gender" errors={errors}>
          <select value={inputs.gender} onChange={set('gender')} data-testid="member-form-gender">
            <option value="male">{t('member.male')}</option>
            <option value="female">{t('member.female')}</option>
          </select>
        </FormField>
        {id === null && (
          <div className="field registry-field" data-field="org_id">
            <span>{t('member.org')}</span>
            <OrgPicker value={org} onChange={setOrg} testId="member-form-org" />
            {errors['org_id'] && (
              <small className="field-error" role="alert">
                {errors['org_id']}
              </small>
            )}
          </div>
        )}
        <FormField label={t('member.birthYear')} name="birth_year" errors={errors}>
          <input value={inputs.birth_year} onChange={set('birth_year')} inputMode="numeric" maxLength={4} data-testid="member-form-birth-year" />
        </FormField>
        <FormField label={t('member.home')} name="position" errors={errors} hint={t('member.positionHint')}>
          <input value={inputs.position} onChange={set('position')} data-testid="member-form-position" />
        </FormField>
        <FormField label={t('member.phone')} name="phone" errors={errors}>
          <input value={inputs.phone} onChange={set('phone')} inputMode="tel" maxLength={11} data-testid="member-form-phone" />
        </FormField>
        <fieldset className="chip-set member-skills" data-field="skills">
          <legend>{t('members.skills')}</legend>
          {knownSkills.map((skill) => (
            <label key={skill} className="chip">
              <input
                type="checkbox"
                checked={inputs.skills.includes(skill)}
                onChange={() => setInputs((p) => ({ ...p, skills: p.skills.includes(skill) ? p.skills.filter((x) => x !== skill) : [...p.skills, skill] }))}
              />
              {skillLabel(skill, tApp)}
            </label>
          ))}
          {errors['skills'] && <small className="field-error">{errors['skills']}</small>}
        </fieldset>
        <FormField label={t('member.joinedOn')} name="joined_on" errors={errors}>
          <input type="date" value={inputs.joined_on} onChange={set('joined_on')} />
        </FormField>
        <label className="check-field">
          <input type="checkbox" checked={inputs.in_service} onChange={(event) => setInputs((p) => ({ ...p, in_service: event.target.checked }))} />
          {t('member.inService')}
        </label>
        <label className="check-field">
          <input type="checkbox" checked={inputs.available} onChange={(event) => setInputs((p) => ({ ...p, available: event.target.checked }))} />
          {t('member.available')}
        </label>
      </div>
      <FormFooter
        error={errors['']}
        busy={busy}
        saveTestId="member-form-save"
        cancelHref={id !== null ? registryPaths.member(id) : registryPaths.members(orgId ?? undefined)}
        labels={{ save: t('save'), cancel: t('cancel') }}
      />
    </form>
  );
}

import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import type { OrgSummary } from '../api/contract.ts';
import type { MemberFilter } from '../api/registry-members.api.ts';
import { knownSkills, skillLabel } from '../dispatch/labels.ts';
import { OrgPicker } from './org-picker.tsx';

type Tri = '' | 'true' | 'false';

interface Inputs {
  q: string;
  org: OrgSummary | null;
  grid: string;
  community: string;
  mobile: Tri;
  in_service: Tri;
  available: Tri;
  skills: string[];
  stars: number[];
  status: 'current' | 'left' | 'all';
}

const blank: Inputs = { q: '', org: null, grid: '', community: '', mobile: '', in_service: '', available: '', skills: [], stars: [], status: 'current' };
const tri = (value: Tri) => (value === '' ? undefined : value === 'true');

export function filterOf(inputs: Inputs, orgId: number | null): MemberFilter {
  const filter: MemberFilter = { status: inputs.status };
  const org = inputs.org?.id ?? orgId;
  if (inputs.q.trim()) filter.q = inputs.q.trim();
  if (org !== null) filter.org = org;
  if (inputs.grid.trim()) filter.grid = inputs.grid.trim();
  if (inputs.community.trim()) filter.community = inputs.community.trim();
  const mobile = tri(inputs.mobile);
  const inService = tri(inputs.in_service);
  const available = tri(inputs.available);
  if (mobile !== undefined) filter.mobile = mobile;
  if (inService !== undefined) filter.in_service = inService;
  if (available !== undefined) filter.available = available;
  if (inputs.skills.length > 0) filter.skills = inputs.skills;
  if (inputs.stars.length > 0) filter.stars = inputs.stars;
  return filter;
}

function TriSelect({ label, value, onChange, testId }: { label: string; value: Tri; onChange: (value: Tri) => void; testId: string }) {
  const { t } = useTranslation('registry');
  return (
    <label className="field">
      <span>{label}</span>
      <select value={value} onChange={(event) => onChange(event.target.value as Tri)} data-testid={testId}>
        <option value="">{t('members.any')}</option>
        <option value="true">{t('yes')}</option>
        <option value="false">{t('no')}</option>
      </select>
    </label>
  );
}

const toggle = <T,>(list: readonly T[], item: T) => (list.includes(item) ? list.filter((x) => x !== item) : [...list, item]);

/** The member list's filters; applied with 查询 (a filter the server reads as it is). */
export function MemberFilters({ org, onApply }: { org: OrgSummary | null; onApply: (filter: MemberFilter) => void }) {
  const { t } = useTranslation('registry');
  const { t: tApp } = useTranslation();
  const [inputs, setInputs] = useState<Inputs>({ ...blank, org });
  const set =
    <K extends keyof Inputs>(key: K) =>
    (value: Inputs[K]) =>
      setInputs((previous) => ({ ...previous, [key]: value }));
  const submit = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    onApply(filterOf(inputs, null));
  };
  return (
    <form className="member-filters" onSubmit={submit} aria-label={t('members.filters')} data-testid="member-filters">
      <label className="field">
        <span>{t('members.q')}</span>
        <input type="search" value={inputs.q} onChange={(event) => set('q')(event.target.value)} data-testid="member-filter-q" />
      </label>
      <div className="field">
        <span>{t('members.org')}</span>
        <OrgPicker value={inputs.org} onChange={set('org')} testId="member-filter-org" />
      </div>
      <label className="field">
        <span>{t('members.grid')}</span>
        <input value={inputs.grid} onChange={(event) => set('grid')(event.target.value)} inputMode="numeric" maxLength={15} />
      </label>
      <label className="field">
        <span>{t('members.community')}</span>
        <input value={inputs.community} onChange={(event) => set('community')(event.target.value)} inputMode="numeric" maxLength={12} />
      </label>
      <TriSelect label={t('members.mobile')} value={inputs.mobile} onChange={set('mobile')} testId="member-filter-mobile" />
      <TriSelect label={t('members.inService')} value={inputs.in_service} onChange={set('in_service')} testId="member-filter-in-service" />
      <TriSelect label={t('members.available')} value={inputs.available} onChange={set('available')} testId="member-filter-available" />
      <label className="field">
        <span>{t('members.status')}</span>
        <select value={inputs.status} onChange={(event) => set('status')(event.target.value as Inputs['status'])} data-testid="member-filter-status">
          <option value="current">{t('members.statusCurrent')}</option>
          <option value="left">{t('members.statusLeft')}</option>
          <option value="all">{t('members.statusAll')}</option>
        </select>
      </label>
      <fieldset className="chip-set">
        <legend>{t('members.stars')}</legend>
        {[1, 2, 3, 4, 5].map((stars) => (
          <label key={stars} className="chip">
            <input type="checkbox" checked={inputs.stars.includes(stars)} onChange={() => set('stars')(toggle(inputs.stars, stars))} />
            {tApp('stars', { count: stars })}
          </label>
        ))}
      </fieldset>
      <fieldset className="chip-set">
        <legend>{t('members.skills')}</legend>
        {knownSkills.map((skill) => (
          <label key={skill} className="chip">
            <input type="checkbox" checked={inputs.skills.includes(skill)} onChange={() => set('skills')(toggle(inputs.skills, skill))} />
            {skillLabel(skill, tApp)}
          </label>
        ))}
      </fieldset>
      <div className="registry-actions">
        <button type="submit" className="primary-button" data-testid="member-filter-apply">
          {t('members.apply')}
        </button>
        <button
          type="button"
          className="secondary-button"
          onClick={() => {
            setInputs(blank);
            onApply({ status: 'current' });
          }}
        >
          {t('members.reset')}
        </button>
      </div>
    </form>
  );
}

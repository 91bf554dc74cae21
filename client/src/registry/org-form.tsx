import type { TFunction } from 'i18next';
import { useCallback, useEffect, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { useLoaded } from '../admin/use-loaded.ts';
import { createOrg, fetchOrg, updateOrg } from '../api/orgs.api.ts';
import type { OrgKind, OrgRecord } from '../api/contract.ts';
import type { OrgSector } from '../../../server/src/contract/orgs.ts';
import { navigate } from '../shell/navigation.ts';
import { CreateOrgBody, orgSectors, UpdateOrgBody } from '../../../server/src/contract/orgs.ts';
import { parsePosition, positionText, withoutEmpty, type FieldErrors } from './field-errors.ts';
import { FormField, FormFooter } from './form-field.tsx';
import { useRecordForm } from './use-record-form.ts';
import { registryPaths } from './registry-route.ts';

const orgKinds: readonly OrgKind[] = ['committee', 'general_branch', 'branch', 'group'];

/** the kind a new organization under a parent of this kind most likely is */
const childKind: Record<OrgKind, OrgKind> = { committee: 'general_branch', general_branch: 'branch', branch: 'group', group: 'group' };

interface Inputs {
  name: string;
  kind: OrgKind;
  sector: OrgSector;
  area_code: string;
  secretary_name: string;
  founded_on: string;
  position: string;
  grid_code: string;
}

const blank: Inputs = { name: '', kind: 'branch', sector: 'community', area_code: '', secretary_name: '', founded_on: '', position: '', grid_code: '' };

const inputsOf = (org: OrgRecord): Inputs => ({
  name: org.name,
  kind: org.kind,
  sector: org.sector,
  area_code: org.area_code,
  secretary_name: org.secretary_name ?? '',
  founded_on: org.founded_on ?? '',
  position: positionText(org.position),
  grid_code: org.grid_code ?? '',
});

/** The inputs checked as the server will (required, codes' digits, the position's form). */
function check(inputs: Inputs, t: TFunction<'registry'>): FieldErrors {
  const errors: FieldErrors = {};
  if (inputs.name.trim() === '') errors['name'] = t('validation.required');
  if (!/^\d{12}$/.test(inputs.area_code.trim())) errors['area_code'] = t('validation.areaCode');
  if (inputs.position.trim() !== '' && parsePosition(inputs.position) === null) errors['position'] = t('validation.position');
  if (inputs.grid_code.trim() !== '' && !/^\d{15}$/.test(inputs.grid_code.trim())) errors['grid_code'] = t('validation.gridCode');
  return errors;
}

function bodyOf(inputs: Inputs, parentId: number | null) {
  return {
    name: inputs.name.trim(),
    kind: inputs.kind,
    sector: inputs.sector,
    parent_id: parentId,
    area_code: inputs.area_code.trim(),
    secretary_name: inputs.secretary_name.trim() || null,
    founded_on: inputs.founded_on || null,
    position: parsePosition(inputs.position),
    grid_code: inputs.grid_code.trim() || null,
  };
}

/** New organization (under `parent`) or an organization's edit, with each problem shown at its field. */
export function OrgForm({ id, parent }: { id: number | null; parent: number | null }) {
  const { t } = useTranslation('registry');
  const known = useLoaded(
    useCallback((signal: AbortSignal) => ((id ?? parent) === null ? Promise.resolve(null) : fetchOrg((id ?? parent)!, signal)), [id, parent]),
  );
  const { inputs, setInputs, set, errors, busy, checked, save } = useRecordForm<Inputs>(blank);

  useEffect(() => {
    const org = known.value;
    if (!org) return;
    if (id !== null) setInputs(inputsOf(org));
    else setInputs({ ...blank, kind: childKind[org.kind], sector: org.sector, area_code: org.area_code });
  }, [known.value, id, setInputs]);

  const submit = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    if (!checked(check(inputs, t))) return;
    const body = bodyOf(inputs, parent);
    const { kind: _kind, parent_id: _parent, ...fields } = body;
    if (id === null) {
      const created = { ...withoutEmpty(body), parent_id: parent };
      save(CreateOrgBody, created, () => createOrg(created), registryPaths.org);
      return;
    }
    // an edit sends only what changed (nothing changed: nothing to send)
    const before = known.value ? inputsOf(known.value) : null;
    const changes = Object.fromEntries(Object.entries(fields).filter(([key]) => !before || inputs[key as keyof Inputs] !== before[key as keyof Inputs]));
    if (Object.keys(changes).length === 0) navigate(registryPaths.org(id));
    else save(UpdateOrgBody, changes, () => updateOrg(id, changes), registryPaths.org);
  };

  const title = id === null ? t('org.newTitle') : t('org.editTitle', { name: known.value?.name ?? '' });
  return (
    <form className="registry-record registry-form" onSubmit={submit} noValidate data-testid="org-form">
      <header className="record-header">
        <h2>{title}</h2>
        {id === null && known.value && (
          <p className="muted">
            {t('org.parent')}：{known.value.name}
          </p>
        )}
      </header>
      <div className="form-grid">
        <FormField label={t('org.name')} name="name" errors={errors}>
          <input value={inputs.name} onChange={set('name')} maxLength={100} data-testid="org-form-name" />
        </FormField>
        <FormField label={t('org.kind')} name="kind" errors={errors}>
          <select value={inputs.kind} onChange={set('kind')} disabled={id !== null} data-testid="org-form-kind">
            {orgKinds.map((kind) => (
              <option key={kind} value={kind}>
                {t(`orgKind.${kind}`)}
              </option>
            ))}
          </select>
        </FormField>
        <FormField label={t('org.sector')} name="sector" errors={errors}>
          <select value={inputs.sector} onChange={set('sector')} data-testid="org-form-sector">
            {orgSectors.map((sector) => (
              <option key={sector} value={sector}>
                {t(`sector.${sector}`)}
              </option>
            ))}
          </select>
        </FormField>
        <FormField label={t('org.areaCode')} name="area_code" errors={errors}>
          <input value={inputs.area_code} onChange={set('area_code')} inputMode="numeric" maxLength={12} data-testid="org-form-area" />
        </FormField>
        <FormField label={t('org.secretary')} name="secretary_name" errors={errors}>
          <input value={inputs.secretary_name} onChange={set('secretary_name')} maxLength={50} data-testid="org-form-secretary" />
        </FormField>
        <FormField label={t('org.foundedOn')} name="founded_on" errors={errors}>
          <input type="date" value={inputs.founded_on} onChange={set('founded_on')} />
        </FormField>
        <FormField label={t('org.position')} name="position" errors={errors} hint={t('member.positionHint')}>
          <input value={inputs.position} onChange={set('position')} data-testid="org-form-position" />
        </FormField>
        <FormField label={t('org.gridCode')} name="grid_code" errors={errors}>
          <input value={inputs.grid_code} onChange={set('grid_code')} inputMode="numeric" maxLength={15} />
        </FormField>
      </div>
      <FormFooter
        error={errors['']}
        busy={busy}
        saveTestId="org-form-save"
        cancelHref={id !== null ? registryPaths.org(id) : parent !== null ? registryPaths.org(parent) : registryPaths.map()}
        labels={{ save: t('save'), cancel: t('cancel') }}
      />
    </form>
  );
}

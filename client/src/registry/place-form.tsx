import type { TFunction } from 'i18next';
import { useCallback, useEffect, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { useLoaded } from '../admin/use-loaded.ts';
import { createPlace, fetchPlace, updatePlace } from '../api/places.api.ts';
import type { PlaceKind, PlaceRecord } from '../api/contract.ts';
import { CreatePlaceBody, placeTiers, UpdatePlaceBody, type PlaceTier } from '../../../server/src/contract/places.ts';
import { listOf, parsePosition, positionText, withoutEmpty, type FieldErrors } from './field-errors.ts';
import { FormField, FormFooter } from './form-field.tsx';
import { useRecordForm } from './use-record-form.ts';
import { placeKinds } from './place-list.tsx';
import { registryPaths } from './registry-route.ts';

const hasTier = (kind: string) => kind === 'service_center' || kind === 'service_station';

interface Inputs {
  kind: PlaceKind;
  name: string;
  tier: PlaceTier;
  area_code: string;
  address: string;
  position: string;
  opening_hours: string;
  services: string;
  contact_name: string;
  contact_phone: string;
  member_id: string;
}

const blank: Inputs = {
  kind: 'service_station',
  name: '',
  tier: 'community',
  area_code: '',
  address: '',
  position: '',
  opening_hours: '',
  services: '',
  contact_name: '',
  contact_phone: '',
  member_id: '',
};

const inputsOf = (p: PlaceRecord): Inputs => ({
  kind: p.kind,
  name: p.name,
  tier: p.tier ?? 'community',
  area_code: p.area_code,
  address: p.address ?? '',
  position: positionText(p.position),
  opening_hours: p.opening_hours ?? '',
  services: p.services.join(', '),
  contact_name: p.contact_name ?? '',
  contact_phone: p.contact_phone ?? '',
  member_id: p.member ? String(p.member.id) : '',
});

function check(inputs: Inputs, t: TFunction<'registry'>): FieldErrors {
  const errors: FieldErrors = {};
  if (inputs.name.trim() === '') errors['name'] = t('validation.required');
  if (!/^\d{12}$/.test(inputs.area_code.trim())) errors['area_code'] = t('validation.areaCode');
  if (parsePosition(inputs.position) === null) errors['position'] = t('validation.position');
  if (inputs.kind === 'center_household' && !/^\d+$/.test(inputs.member_id.trim())) errors['member_id'] = t('validation.number');
  return errors;
}

/** A new service position, or one's edit (a new position is a move on the map, kept in its history). */
export function PlaceForm({ id }: { id: number | null }) {
  const { t } = useTranslation('registry');
  const known = useLoaded(useCallback((signal: AbortSignal) => (id === null ? Promise.resolve(null) : fetchPlace(id, signal)), [id]));
  const { inputs, setInputs, set, errors, busy, checked, save } = useRecordForm<Inputs>(blank);
  useEffect(() => {
    if (known.value) setInputs(inputsOf(known.value));
  }, [known.value, setInputs]);

  const submit = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    if (!checked(check(inputs, t))) return;
    const common = {
      name: inputs.name.trim(),
      tier: hasTier(inputs.kind) ? inputs.tier : null,
      address: inputs.address.trim() || null,
      position: parsePosition(inputs.position)!,
      opening_hours: inputs.opening_hours.trim() || null,
      services: listOf(inputs.services),
      contact_name: inputs.contact_name.trim() || null,
      contact_phone: inputs.contact_phone.trim() || null,
    };
    const { tier, ...rest } = common;
    const created = {
      ...withoutEmpty(common),
      kind: inputs.kind,
      area_code: inputs.area_code.trim(),
      ...(inputs.kind === 'center_household' ? { member_id: Number(inputs.member_id) } : {}),
    };
    const changes = { ...rest, ...(tier === null ? {} : { tier }) };
    if (id === null) save(CreatePlaceBody, created, () => createPlace(created), registryPaths.place);
    else save(UpdatePlaceBody, changes, () => updatePlace(id, changes), registryPaths.place);
  };

  return (
    <form className="registry-record registry-form" onSubmit={submit} noValidate data-testid="place-form">
      <header className="record-header">
        <h2>{id === null ? t('places.newTitle') : t('places.editTitle', { name: known.value?.name ?? '' })}</h2>
      </header>
      <div className="form-grid">
        <FormField label={t('places.kind')} name="kind" errors={errors}>
          <select value={inputs.kind} onChange={set('kind')} disabled={id !== null}>
            {placeKinds.map((k) => (
              <option key={k} value={k}>
                {t(`placeKind.${k}`)}
              </option>
            ))}
          </select>
        </FormField>
        <FormField label={t('places.name')} name="name" errors={errors}>
          <input value={inputs.name} onChange={set('name')} maxLength={100} data-testid="place-form-name" />
        </FormField>
        {hasTier(inputs.kind) && (
          <FormField label={t('places.tier')} name="tier" errors={errors}>
            <select value={inputs.tier} onChange={set('tier')}>
              {placeTiers.map((tier) => (
                <option key={tier} value={tier}>
                  {t(`tier.${tier}`)}
                </option>
              ))}
            </select>
          </FormField>
        )}
        <FormField label={t('places.areaCode')} name="area_code" errors={errors}>
          <input value={inputs.area_code} onChange={set('area_code')} inputMode="numeric" maxLength={12} disabled={id !== null} />
        </FormField>
        {inputs.kind === 'center_household' && id === null && (
          <FormField label={t('places.memberId')} name="member_id" errors={errors}>
            <input value={inputs.member_id} onChange={set('member_id')} inputMode="numeric" />
          </FormField>
        )}
        <FormField label={t('places.address')} name="address" errors={errors}>
          <input value={inputs.address} onChange={set('address')} maxLength={200} />
        </FormField>
        <FormField label={t('places.position')} name="position" errors={errors} hint={t('member.positionHint')}>
          <input value={inputs.position} onChange={set('position')} data-testid="place-form-position" />
        </FormField>
        <FormField label={t('places.openingHours')} name="opening_hours" errors={errors}>
          <input value={inputs.opening_hours} onChange={set('opening_hours')} maxLength={200} />
        </FormField>
        <FormField label={t('places.services')} name="services" errors={errors}>
          <input value={inputs.services} onChange={set('services')} />
        </FormField>
        <FormField label={t('places.contactName')} name="contact_name" errors={errors}>
          <input value={inputs.contact_name} onChange={set('contact_name')} maxLength={50} />
        </FormField>
        <FormField label={t('places.contactPhone')} name="contact_phone" errors={errors}>
          <input value={inputs.contact_phone} onChange={set('contact_phone')} inputMode="tel" maxLength={20} />
        </FormField>
      </div>
      <FormFooter
        error={errors['']}
        busy={busy}
        saveTestId="place-form-save"
        cancelHref={id !== null ? registryPaths.place(id) : registryPaths.places()}
        labels={{ save: t('save'), cancel: t('cancel') }}
      />
    </form>
  );
}

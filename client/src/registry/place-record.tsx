import { useCallback, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useLoaded } from '../admin/use-loaded.ts';
import type { LinkedHousehold } from '../api/contract.ts';
import type { LngLatTuple } from '../api/locate.api.ts';
import { closePlace, fetchPlace } from '../api/places.api.ts';
import { todayInChina } from '../planner/today.ts';
import { Link } from '../shell/link.tsx';
import { ActionPanel } from './action-panel.tsx';
import { positionText, problemIf } from './field-errors.ts';
import { FormField } from './form-field.tsx';
import { HistoryList } from './history-list.tsx';
import { HouseholdEditor } from './household-editor.tsx';
import { HouseholdMap } from './household-map.tsx';
import { RecordSection } from './record-section.tsx';
import type { RegistryRights } from './registry-roles.ts';
import { registryPaths } from './registry-route.ts';

const householdPositions = (households: readonly LinkedHousehold[]) => households.map((h) => h.position as LngLatTuple);

/** A service position's record: fields, a center household's linked households, history; edit and close. */
export function PlaceRecord({ id, rights }: { id: number; rights: RegistryRights }) {
  const { t } = useTranslation('registry');
  const loaded = useLoaded(useCallback((signal: AbortSignal) => fetchPlace(id, signal), [id]));
  const [date, setDate] = useState(todayInChina());
  const [reason, setReason] = useState('');
  const [editing, setEditing] = useState(false);
  const place = loaded.value?.id === id ? loaded.value : null;
  if (loaded.error) return <p className="form-error registry-empty">{loaded.error.code === 'not_found' ? t('notFound') : loaded.error.message}</p>;
  if (!place) return <p className="muted registry-empty">{t('loading')}</p>;
  const none = <span className="muted">{t('none')}</span>;
  return (
    <article className="registry-record" data-testid="place-record" data-place-id={place.id}>
      <header className="record-header">
        <div>
          <h2>{place.name}</h2>
          <span className="tag">{t(`placeKind.${place.kind}`)}</span>{' '}
          {place.tier && <span className="tag soft">{t(`tier.${place.tier}` as 'tier.town', { defaultValue: place.tier })}</span>}{' '}
          {place.closed_on && <span className="tag grey">{t('closedOn', { date: place.closed_on })}</span>}
        </div>
        {!place.closed_on && (
          <Link className="secondary-button as-link" href={registryPaths.map({ kind: 'place', id: place.id })} data-testid="place-show-on-map">
            {t('showOnMap')}
          </Link>
        )}
      </header>
      <dl className="registry-facts">
        <dt>{t('places.area')}</dt>
        <dd>{place.area_name}</dd>
        <dt>{t('places.address')}</dt>
        <dd>{place.address ?? none}</dd>
        <dt>{t('places.position')}</dt>
        <dd>
          <code className="code inline">{positionText(place.position)}</code>
        </dd>
        <dt>{t('places.openingHours')}</dt>
        <dd>{place.opening_hours ?? none}</dd>
        <dt>{t('places.services')}</dt>
        <dd>{place.services.length === 0 ? none : place.services.join('、')}</dd>
        <dt>{t('places.contactName')}</dt>
        <dd>{place.contact_name ?? none}</dd>
        <dt>{t('places.contactPhone')}</dt>
        <dd>{place.contact_phone ?? none}</dd>
        {place.member && (
          <>
            <dt>{t('places.member')}</dt>
            <dd>{rights.members ? <Link href={registryPaths.member(place.member.id)}>{place.member.name}</Link> : place.member.name}</dd>
          </>
        )}
        {place.linked_households !== null && (
          <>
            <dt>{t('places.linkedHouseholds')}</dt>
            <dd>{place.linked_households}</dd>
          </>
        )}
        {place.close_reason && (
          <>
            <dt>{t('reason')}</dt>
            <dd>{place.close_reason}</dd>
          </>
        )}
      </dl>
      {rights.edit && !place.closed_on && (
        <div className="registry-actions wrap">
          <Link className="secondary-button as-link" href={registryPaths.placeEdit(place.id)} data-testid="place-edit">
            {t('edit')}
          </Link>
          <ActionPanel
            label={t('places.close')}
            testId="place-close"
            danger
            submitLabel={t('places.confirmClose')}
            check={() => problemIf(!reason.trim(), 'reason', t('reasonRequired'))}
            send={() => closePlace(place.id, { effective_on: date, reason: reason.trim() })}
            done={loaded.reload}
          >
            {(errors) => (
              <div className="form-grid">
                <FormField label={t('effectiveOn')} name="effective_on" errors={errors}>
                  <input type="date" value={date} onChange={(event) => setDate(event.target.value)} />
                </FormField>
                <FormField label={t('reason')} name="reason" errors={errors}>
                  <input value={reason} onChange={(event) => setReason(event.target.value)} maxLength={500} />
                </FormField>
              </div>
            )}
          </ActionPanel>
        </div>
      )}
      {place.kind === 'center_household' && (
        <RecordSection
          title={t('places.households')}
          testId="place-households"
          extra={
            rights.edit &&
            place.households !== null &&
            !place.closed_on &&
            !editing && (
              <button type="button" className="small-button" onClick={() => setEditing(true)} data-testid="households-edit">
                {t('households.edit')}
              </button>
            )
          }
        >
          {place.households === null ? (
            <p className="muted registry-empty">{t('places.householdsHidden')}</p>
          ) : editing ? (
            <HouseholdEditor
              place={place}
              onSaved={() => {
                setEditing(false);
                loaded.reload();
              }}
              onClose={() => setEditing(false)}
            />
          ) : (
            <>
              {place.households.length > 0 && (
                <HouseholdMap placeId={place.id} center={place.position as LngLatTuple} households={householdPositions(place.households)} />
              )}
              <ul className="plain-list" data-testid="households-list">
                {place.households.map((h) => (
                  <li key={h.id} data-testid="household" data-household-id={h.id}>
                    {h.label}
                  </li>
                ))}
                {place.households.length === 0 && <li className="muted">{t('households.none')}</li>}
              </ul>
            </>
          )}
        </RecordSection>
      )}
      <RecordSection title={t('places.history')} testId="place-history">
        <HistoryList entries={place.history} testId="place-history-list" />
      </RecordSection>
    </article>
  );
}

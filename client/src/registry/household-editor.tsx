import { useCallback, useMemo, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import type { HouseholdInput, LinkedHousehold, PlaceRecord } from '../api/contract.ts';
import type { LngLatTuple } from '../api/locate.api.ts';
import { replaceHouseholds } from '../api/places.api.ts';
import { parsePosition, positionText, serverErrorsByPath, type FieldErrors } from './field-errors.ts';
import { FormField } from './form-field.tsx';
import { HouseholdMap } from './household-map.tsx';

/** A household of the list being edited: where it is known on the map, or only by its building. */
interface Row {
  key: string;
  label: string;
  position: LngLatTuple | null;
  building_id: number | null;
}

const rowOf = (h: LinkedHousehold): Row => ({ key: `h${h.id}`, label: h.label, position: h.position as LngLatTuple, building_id: h.building_id });

/** A kept household stays at its building when it has one, else at its position. */
const inputOf = (row: Row): HouseholdInput =>
  row.building_id !== null ? { label: row.label, building_id: row.building_id } : { label: row.label, position: [row.position![0], row.position![1]] };

/** The fields of the household being added, and their problems keyed as `new.label` … */
function checkNew(
  label: string,
  position: string,
  building: string,
  t: (key: 'validation.required' | 'validation.position' | 'households.positionOrBuilding' | 'households.buildingId') => string,
): FieldErrors {
  const errors: FieldErrors = {};
  if (label.trim() === '') errors['label'] = t('validation.required');
  const hasPosition = position.trim() !== '';
  const hasBuilding = building.trim() !== '';
  if (hasPosition === hasBuilding) errors['position'] = t('households.positionOrBuilding');
  else if (hasPosition && parsePosition(position) === null) errors['position'] = t('validation.position');
  else if (hasBuilding && !/^[1-9]\d*$/.test(building.trim())) errors['building_id'] = t('households.buildingId');
  return errors;
}

/**
 * 联系户: the households a center household links with, added (a label and a position picked on the
 * map, or a building id) and removed, then saved together as the whole new list.
 */
export function HouseholdEditor({ place, onSaved, onClose }: { place: PlaceRecord; onSaved: (record: PlaceRecord) => void; onClose: () => void }) {
  const { t } = useTranslation('registry');
  const [rows, setRows] = useState<Row[]>(() => (place.households ?? []).map(rowOf));
  const [label, setLabel] = useState('');
  const [position, setPosition] = useState('');
  const [building, setBuilding] = useState('');
  const [newErrors, setNewErrors] = useState<FieldErrors>({});
  const [errors, setErrors] = useState<FieldErrors>({});
  const [busy, setBusy] = useState(false);
  const center = place.position as LngLatTuple;
  const drawn = useMemo(() => rows.flatMap((r) => (r.position ? [r.position] : [])), [rows]);
  const onPoint = useCallback((point: LngLatTuple) => {
    setPosition(positionText(point));
    setBuilding('');
  }, []);

  const add = () => {
    const problems = checkNew(label, position, building, t);
    setNewErrors(problems);
    if (Object.keys(problems).length > 0) return;
    const at = position.trim() === '' ? null : parsePosition(position);
    setRows([...rows, { key: `n${Date.now()}`, label: label.trim(), position: at, building_id: at ? null : Number(building) }]);
    setLabel('');
    setPosition('');
    setBuilding('');
  };
  const save = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    setBusy(true);
    setErrors({});
    replaceHouseholds(place.id, rows.map(inputOf))
      .then(onSaved, (failure: unknown) => setErrors(serverErrorsByPath(failure, t('unavailable'))))
      .finally(() => setBusy(false));
  };
  const rowError = (i: number) => Object.entries(errors).find(([path]) => path === String(i) || path.startsWith(`${i}.`))?.[1];
  const formError = Object.entries(errors).find(([path]) => !/^\d+(\.|$)/.test(path))?.[1];

  return (
    <form className="action-panel household-editor" onSubmit={save} noValidate data-testid="households-editor">
      <h3>{t('households.edit')}</h3>
      <HouseholdMap placeId={place.id} center={center} households={drawn} onPoint={onPoint} />
      <ol className="household-rows" data-testid="households-draft">
        {rows.map((row, i) => (
          <li key={row.key} className={rowError(i) ? 'has-error' : undefined} data-testid="households-draft-row">
            <span className="household-label">{row.label}</span>
            <small className="muted">
              {row.building_id !== null ? t('households.building', { id: row.building_id }) : <code className="code inline">{positionText(row.position)}</code>}
            </small>
            <button type="button" className="small-button" onClick={() => setRows(rows.filter((r) => r !== row))} data-testid="households-remove">
              {t('households.remove')}
            </button>
            {rowError(i) && (
              <small className="field-error" role="alert">
                {rowError(i)}
              </small>
            )}
          </li>
        ))}
        {rows.length === 0 && <li className="muted">{t('households.none')}</li>}
      </ol>
      <fieldset className="household-new">
        <legend>{t('households.add')}</legend>
        <div className="form-grid">
          <FormField label={t('households.label')} name="label" errors={newErrors}>
            <input value={label} onChange={(event) => setLabel(event.target.value)} maxLength={100} data-testid="households-label" />
          </FormField>
          <FormField label={t('places.position')} name="position" errors={newErrors} hint={t('households.positionHint')}>
            <input value={position} onChange={(event) => setPosition(event.target.value)} data-testid="households-position" />
          </FormField>
          <FormField label={t('households.buildingIdLabel')} name="building_id" errors={newErrors} hint={t('households.buildingHint')}>
            <input value={building} onChange={(event) => setBuilding(event.target.value)} inputMode="numeric" data-testid="households-building" />
          </FormField>
        </div>
        <button type="button" className="secondary-button" onClick={add} data-testid="households-add">
          {t('households.add')}
        </button>
      </fieldset>
      {formError && (
        <p className="form-error" role="alert" data-testid="households-error">
          {formError}
        </p>
      )}
      <div className="registry-actions">
        <button type="submit" className="primary-button" disabled={busy} data-testid="households-save">
          {t('households.save', { count: rows.length })}
        </button>
        <button type="button" className="secondary-button" onClick={onClose}>
          {t('cancel')}
        </button>
      </div>
    </form>
  );
}

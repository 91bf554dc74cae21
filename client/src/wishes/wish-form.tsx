import { useEffect, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import type { CreateWishInput, PlaceSummary, WishRecord } from '../api/contract.ts';
import { isAbort } from '../api/http.ts';
import type { LngLatTuple } from '../api/locate.api.ts';
import { fetchPlaces } from '../api/places.api.ts';
import { postWish } from '../api/wishes.api.ts';
import { useDebounced } from '../dispatch/use-debounced.ts';

/** Service positions in scope whose name holds `q` (not center households: a member's home is no place for a wish). */
function usePlaceSearch(q: string): PlaceSummary[] {
  const [places, setPlaces] = useState<PlaceSummary[]>([]);
  const query = useDebounced(q.trim(), 250);
  useEffect(() => {
    if (query === '') {
      setPlaces([]);
      return;
    }
    const controller = new AbortController();
    fetchPlaces({ q: query, status: 'open', limit: 8 }, controller.signal).then(
      (list) => setPlaces(list.places.filter((p) => p.kind !== 'center_household')),
      (error: unknown) => {
        if (!isAbort(error)) setPlaces([]);
      },
    );
    return () => controller.abort();
  }, [query]);
  return places;
}

/**
 * 发布微心愿: what the resident wishes for, and where — the point last clicked on the map (the
 * panel passes it in) or a service position found by name.
 */
export function WishForm({
  picked,
  onPicked,
  onPosted,
  onCancel,
}: {
  picked: LngLatTuple | null;
  onPicked: (point: LngLatTuple | null) => void;
  onPosted: (wish: WishRecord) => void;
  onCancel: () => void;
}) {
  const { t } = useTranslation('wishes');
  const [title, setTitle] = useState('');
  const [detail, setDetail] = useState('');
  const [resident, setResident] = useState('');
  const [placeQuery, setPlaceQuery] = useState('');
  const [place, setPlace] = useState<PlaceSummary | null>(null);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const places = usePlaceSearch(place ? '' : placeQuery);

  // a point clicked on the map replaces a chosen place
  useEffect(() => {
    if (picked) setPlace(null);
  }, [picked]);

  const submit = (event: FormEvent) => {
    event.preventDefault();
    if (!place && !picked) {
      setError(t('form.needWhere'));
      return;
    }
    const body: CreateWishInput = {
      title: title.trim(),
      ...(detail.trim() ? { detail: detail.trim() } : {}),
      ...(resident.trim() ? { resident_name: resident.trim() } : {}),
      ...(place ? { place_id: place.id } : { position: [picked![0], picked![1]] }),
    };
    setBusy(true);
    setError(null);
    postWish(body).then(onPosted, (failure: unknown) => {
      setBusy(false);
      setError(t('form.failed', { message: failure instanceof Error ? failure.message : String(failure) }));
    });
  };

  return (
    <form className="wish-form" data-testid="wish-form" onSubmit={submit}>
      <label className="field">
        <span>{t('form.title')}</span>
        <input value={title} required maxLength={200} data-testid="wish-title" onChange={(e) => setTitle(e.target.value)} />
      </label>
      <label className="field">
        <span>{t('form.detail')}</span>
        <textarea value={detail} rows={3} maxLength={2000} data-testid="wish-detail" onChange={(e) => setDetail(e.target.value)} />
      </label>
      <label className="field">
        <span>{t('form.resident')}</span>
        <input value={resident} maxLength={50} data-testid="wish-resident" onChange={(e) => setResident(e.target.value)} />
      </label>
      <fieldset className="wish-where">
        <legend>{t('form.where')}</legend>
        <p className="muted" data-testid="wish-picked" data-picked={picked ? 'yes' : 'no'}>
          {place
            ? t('form.placeChosen', { name: place.name })
            : picked
              ? t('form.picked', { lng: picked[0].toFixed(5), lat: picked[1].toFixed(5) })
              : t('form.picking')}
        </p>
        <label className="field">
          <span>{t('form.place')}</span>
          <input
            value={placeQuery}
            placeholder={t('form.placeSearch')}
            data-testid="wish-place-search"
            onChange={(e) => {
              setPlaceQuery(e.target.value);
              setPlace(null);
            }}
          />
        </label>
        {!place && placeQuery.trim() !== '' && (
          <ul className="wish-place-options">
            {places.length === 0 && <li className="muted">{t('form.placeNone')}</li>}
            {places.map((p) => (
              <li key={p.id}>
                <button
                  type="button"
                  className="small-button"
                  data-testid="wish-place-option"
                  onClick={() => {
                    setPlace(p);
                    setPlaceQuery(p.name);
                    onPicked(null);
                  }}
                >
                  {p.name} <small className="muted">{p.area_name}</small>
                </button>
              </li>
            ))}
          </ul>
        )}
      </fieldset>
      {error && (
        <p className="form-error" role="alert" data-testid="wish-form-error">
          {error}
        </p>
      )}
      <div className="wish-form-actions">
        <button type="submit" className="primary-button" disabled={busy || title.trim() === ''} data-testid="wish-submit">
          {busy ? t('form.sending') : t('form.submit')}
        </button>
        <button type="button" className="secondary-button" disabled={busy} onClick={onCancel}>
          {t('form.cancel')}
        </button>
      </div>
    </form>
  );
}

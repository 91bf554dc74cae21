import { useEffect, useMemo, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { beltLimits } from '../../../server/src/contract/belts.ts';
import { createBelt, previewBelt, replaceBeltSites, updateBelt } from '../api/belts.api.ts';
import type { BeltRecord, BeltRoute, SessionUser } from '../api/contract.ts';
import { isAbort } from '../api/http.ts';
import { createBeltOverlay } from '../map/layers/belts.layer.ts';
import type { OneMapHost } from '../one-map/one-map-tool.ts';
import { errorText } from './error-text.ts';
import { CorridorFigures, km, LegSummary } from './belt-figures.tsx';
import { moved, nearestSite } from './nearest-site.ts';
import { useModelSites, type ModelSite } from './use-model-sites.ts';

/** The areas a belt may belong to: the subtrees where the user keeps the registry (admins and secretaries). */
function editAreas(user: SessionUser): { code: string; name: string }[] {
  const areas = new Map<string, string>();
  for (const g of user.grants) if (g.role === 'admin' || g.role === 'secretary') areas.set(g.scope, g.scope_name);
  return [...areas].map(([code, name]) => ({ code, name }));
}

type Preview = { status: 'idle' } | { status: 'loading' } | { status: 'done'; route: BeltRoute } | { status: 'error'; message: string };

/** Waits this long after the last change before routing the belt again. */
const previewDelayMs = 300;

/**
 * Draws a new belt, or changes one: model sites picked on the map in order (a click takes the
 * nearest open model site within 300 m), reordered and removed in the list, a corridor width; the
 * route, corridor and counts previewed after every change; saved as a new belt, or as the
 * changes of an existing one (its name, width and description, then its sites).
 */
export function BeltEditor({
  host,
  user,
  belt,
  onSaved,
  onCancel,
}: {
  host: OneMapHost;
  user: SessionUser;
  /** the belt changed, or null for a new one */
  belt: BeltRecord | null;
  onSaved: (belt: BeltRecord) => void;
  onCancel: () => void;
}) {
  const { t } = useTranslation('belts');
  const areas = useMemo(() => editAreas(user), [user]);
  const modelSites = useModelSites();
  const [name, setName] = useState(belt?.name ?? '');
  const [areaCode, setAreaCode] = useState(belt?.area_code ?? areas[0]?.code ?? '');
  const [width, setWidth] = useState(String(belt?.width_m ?? beltLimits.defaultWidth));
  const [description, setDescription] = useState(belt?.description ?? '');
  const [siteIds, setSiteIds] = useState<number[]>(belt?.sites.map((s) => s.id) ?? []);
  const [notice, setNotice] = useState<string | null>(null);
  const [preview, setPreview] = useState<Preview>({ status: 'idle' });
  const [saving, setSaving] = useState(false);
  const [error, setError] = useState<string | null>(null);

  // every site the editor knows: the open model sites in scope, and the belt's own (one may have closed since)
  const known = useMemo(() => {
    const byId = new Map<number, ModelSite>();
    for (const s of belt?.sites ?? []) byId.set(s.id, { id: s.id, name: s.name, area_code: s.area_code, area_name: s.area_name, position: s.position });
    if (modelSites.status === 'done') for (const s of modelSites.sites) byId.set(s.id, s);
    return byId;
  }, [belt, modelSites]);
  const picked = siteIds.map((id) => known.get(id)).filter((s): s is ModelSite => s !== undefined);

  const widthValue = Number(width);
  const widthOk = Number.isInteger(widthValue) && widthValue >= beltLimits.minWidth && widthValue <= beltLimits.maxWidth;

  // a click on the map picks the nearest model site not yet on the belt
  const pickable = useRef<ModelSite[]>([]);
  pickable.current = modelSites.status === 'done' ? modelSites.sites : [];
  const current = useRef(siteIds);
  current.current = siteIds;
  useEffect(
    () =>
      host.onMapClick((point) => {
        const site = nearestSite(pickable.current, point);
        if (!site) return setNotice(t('pick.noSite'));
        if (current.current.includes(site.id)) return setNotice(t('pick.already', { name: site.name }));
        setNotice(null);
        setSiteIds((ids) => (ids.includes(site.id) ? ids : [...ids, site.id]));
      }),
    [host, t],
  );

  // the route of the sites as they stand, a moment after the last change
  const key = `${areaCode}|${siteIds.join(',')}|${widthOk ? widthValue : ''}`;
  useEffect(() => {
    if (siteIds.length < beltLimits.minSites || !widthOk || areaCode === '') {
      setPreview({ status: 'idle' });
      return;
    }
    const controller = new AbortController();
    setPreview({ status: 'loading' });
    const timer = window.setTimeout(() => {
      previewBelt({ area_code: areaCode, site_ids: siteIds, width_m: widthValue }, controller.signal).then(
        (route) => setPreview({ status: 'done', route }),
        (e: unknown) => {
          if (!isAbort(e)) setPreview({ status: 'error', message: errorText(e, t('unavailable')) });
        },
      );
    }, previewDelayMs);
    return () => {
      window.clearTimeout(timer);
      controller.abort();
    };
    // eslint-disable-next-line react-hooks/exhaustive-deps -- the key names what is previewed
  }, [key]);

  const route = preview.status === 'done' ? preview.route : null;
  useEffect(() => {
    const candidates = modelSites.status === 'done' ? modelSites.sites.filter((s) => !siteIds.includes(s.id)) : [];
    host.drawLayers(createBeltOverlay({ corridor: route?.corridor ?? null, legs: route?.legs ?? [], sites: picked, candidates }));
    // eslint-disable-next-line react-hooks/exhaustive-deps -- picked follows siteIds and the known sites
  }, [host, route, modelSites, siteIds, known]);
  useEffect(() => () => host.drawLayers([]), [host]);

  const save = async () => {
    if (name.trim() === '') return setError(t('errors.name'));
    if (!widthOk) return setError(t('errors.width', { min: beltLimits.minWidth, max: beltLimits.maxWidth }));
    if (siteIds.length < beltLimits.minSites) return setError(t('errors.sites'));
    setSaving(true);
    setError(null);
    try {
      const text = description.trim() === '' ? undefined : description.trim();
      if (!belt) {
        onSaved(await createBelt({ name: name.trim(), area_code: areaCode, site_ids: siteIds, width_m: widthValue, description: text }));
        return;
      }
      let saved = belt;
      const changes = {
        ...(name.trim() !== belt.name ? { name: name.trim() } : {}),
        ...(widthValue !== belt.width_m ? { width_m: widthValue } : {}),
        ...((text ?? null) !== belt.description ? { description: text ?? null } : {}),
      };
      if (Object.keys(changes).length > 0) saved = await updateBelt(belt.id, changes);
      if (siteIds.join(',') !== belt.sites.map((s) => s.id).join(',')) saved = await replaceBeltSites(belt.id, siteIds);
      onSaved(saved);
    } catch (e) {
      setError(errorText(e, t('unavailable')));
    } finally {
      setSaving(false);
    }
  };

  return (
    <div className="belt-editor" data-testid="belt-editor" data-preview={preview.status} data-sites={modelSites.status}>
      <label className="field">
        <span>{t('fields.name')}</span>
        <input data-testid="belt-name-input" value={name} maxLength={100} onChange={(e) => setName(e.target.value)} />
      </label>
      {!belt && areas.length > 1 && (
        <label className="field">
          <span>{t('fields.area')}</span>
          <select data-testid="belt-area" value={areaCode} onChange={(e) => setAreaCode(e.target.value)}>
            {areas.map((a) => (
              <option key={a.code} value={a.code}>
                {a.name}
              </option>
            ))}
          </select>
        </label>
      )}
      <label className="field">
        <span>{t('fields.width')}</span>
        <input
          data-testid="belt-width"
          type="number"
          min={beltLimits.minWidth}
          max={beltLimits.maxWidth}
          step={50}
          value={width}
          onChange={(e) => setWidth(e.target.value)}
          aria-invalid={!widthOk}
        />
      </label>
      <label className="field">
        <span>{t('fields.description')}</span>
        <textarea data-testid="belt-description" rows={2} maxLength={500} value={description} onChange={(e) => setDescription(e.target.value)} />
      </label>

      <section className="panel-section">
        <h3>
          {t('fields.sites')} <span className="count">{siteIds.length}</span>
        </h3>
        <p className="muted">{modelSites.status === 'loading' ? t('pick.loadingSites') : t('pick.hint')}</p>
        {modelSites.status === 'error' && (
          <p className="form-error" role="alert">
            {t('failed')}: {modelSites.message}
          </p>
        )}
        {notice && (
          <p className="muted" role="status" data-testid="belt-pick-notice">
            {notice}
          </p>
        )}
        {picked.length === 0 && <p className="muted">{t('pick.none')}</p>}
        <ol className="belt-site-rows">
          {picked.map((s, i) => (
            <li key={s.id} data-testid="belt-site-row" data-site-id={s.id}>
              <span className="belt-site-name">
                {s.name} <span className="muted">{s.area_name}</span>
              </span>
              <span className="belt-site-actions">
                <button type="button" data-testid="belt-site-up" disabled={i === 0} onClick={() => setSiteIds((ids) => moved(ids, i, -1))} title={t('moveUp')}>
                  ↑
                </button>
                <button
                  type="button"
                  data-testid="belt-site-down"
                  disabled={i === picked.length - 1}
                  onClick={() => setSiteIds((ids) => moved(ids, i, 1))}
                  title={t('moveDown')}
                >
                  ↓
                </button>
                <button type="button" data-testid="belt-site-remove" onClick={() => setSiteIds((ids) => ids.filter((id) => id !== s.id))} title={t('remove')}>
                  ×
                </button>
              </span>
            </li>
          ))}
        </ol>
      </section>

      <section className="panel-section" data-testid="belt-preview" data-state={preview.status}>
        <h3>{t('preview.title')}</h3>
        {preview.status === 'idle' && <p className="muted">{t('preview.needTwo')}</p>}
        {preview.status === 'loading' && <p className="muted">{t('preview.computing')}</p>}
        {preview.status === 'error' && (
          <p className="form-error" role="alert">
            {preview.message}
          </p>
        )}
        {route && (
          <>
            <p data-testid="belt-preview-length">
              {t('fields.length')} {t('list.length', { km: km(route.length_m) })}
            </p>
            <LegSummary legs={route.legs} />
            <CorridorFigures counts={route.counts} />
          </>
        )}
      </section>

      {error && (
        <p className="form-error" role="alert" data-testid="belt-error">
          {error}
        </p>
      )}
      <p className="panel-actions">
        <button type="button" className="primary-button" data-testid="belt-save" disabled={saving} onClick={() => void save()}>
          {saving ? t('saving') : t('save')}
        </button>
        <button type="button" className="secondary-button" data-testid="belt-cancel" onClick={onCancel}>
          {t('cancel')}
        </button>
      </p>
    </div>
  );
}

import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { fetchOrg } from '../api/orgs.api.ts';
import { fetchPlace } from '../api/places.api.ts';
import { registryPaths } from '../registry/registry-route.ts';
import { Link } from '../shell/link.tsx';
import type { Selection } from './selection.ts';
import { recordViews } from './record-views.ts';
import { useFetched, type Fetched } from './use-fetched.ts';

export interface RecordSummary {
  title: string;
  fields: { label: string; value: ReactNode; testId?: string }[];
  /** the registry screen of the record */
  registryPath: string | null;
  /** the area to open the area panel of */
  areaCode: string | null;
  gridCode: string | null;
}

function useOrgRecord(id: number): Fetched<RecordSummary> {
  const { t } = useTranslation(['oneMap', 'registry']);
  return useFetched(`org:${id}`, async (signal) => {
    const o = await fetchOrg(id, signal);
    return {
      title: o.name,
      fields: [
        { label: t('oneMap:feature.kind'), value: t(`registry:orgKind.${o.kind}`) },
        { label: t('oneMap:feature.sector'), value: t(`registry:sector.${o.sector}`) },
        { label: t('oneMap:feature.secretary'), value: o.secretary_name ?? '—' },
        { label: t('oneMap:feature.members'), value: o.member_count, testId: 'feature-members' },
        { label: t('oneMap:feature.area'), value: o.area_name },
      ],
      registryPath: registryPaths.org(o.id),
      areaCode: o.area_code,
      gridCode: o.grid_code,
    };
  });
}

function usePlaceRecord(id: number): Fetched<RecordSummary> {
  const { t } = useTranslation(['oneMap', 'registry']);
  return useFetched(`place:${id}`, async (signal) => {
    const p = await fetchPlace(id, signal);
    return {
      title: p.name,
      fields: [
        { label: t('oneMap:feature.kind'), value: t(`registry:placeKind.${p.kind}`) },
        ...(p.tier ? [{ label: t('oneMap:feature.tier'), value: t(`registry:tier.${p.tier}`) }] : []),
        { label: t('oneMap:feature.area'), value: p.area_name },
        ...(p.address ? [{ label: t('oneMap:feature.address'), value: p.address }] : []),
        ...(p.opening_hours ? [{ label: t('oneMap:feature.openingHours'), value: p.opening_hours }] : []),
        ...(p.contact_phone ? [{ label: t('oneMap:feature.contact'), value: p.contact_phone }] : []),
      ],
      registryPath: registryPaths.place(p.id),
      areaCode: p.area_code,
      gridCode: null,
    };
  });
}

function RecordBody({ state, onOpenPanel }: { state: Fetched<RecordSummary>; onOpenPanel: (kind: 'area' | 'grid', code: string) => void }) {
  const { t } = useTranslation('oneMap');
  if (state.status === 'loading') return <p className="muted">{t('feature.loading')}</p>;
  if (state.status === 'error')
    return (
      <p className="form-error" role="alert">
        {t('feature.failed')}: {state.message}
      </p>
    );
  const r = state.value;
  return (
    <>
      <h3 data-testid="feature-title">{r.title}</h3>
      <dl className="locate-fields">
        {r.fields.map((f) => (
          <div className="locate-field" key={f.label}>
            <dt>{f.label}</dt>
            <dd data-testid={f.testId}>{f.value}</dd>
          </div>
        ))}
      </dl>
      <p className="panel-actions">
        {r.registryPath && (
          <Link href={r.registryPath} className="button" data-testid="feature-registry-link">
            {t('feature.openRegistry')}
          </Link>
        )}
        {r.gridCode && (
          <button type="button" onClick={() => onOpenPanel('grid', r.gridCode!)} data-testid="feature-grid-panel">
            {t('feature.gridPanel')}
          </button>
        )}
        {r.areaCode && (
          <button type="button" onClick={() => onOpenPanel('area', r.areaCode!)} data-testid="feature-area-panel">
            {t('feature.areaPanel')}
          </button>
        )}
      </p>
    </>
  );
}

function OrgBody({ id, onOpenPanel }: { id: number; onOpenPanel: (kind: 'area' | 'grid', code: string) => void }) {
  return <RecordBody state={useOrgRecord(id)} onOpenPanel={onOpenPanel} />;
}
function PlaceBody({ id, onOpenPanel }: { id: number; onOpenPanel: (kind: 'area' | 'grid', code: string) => void }) {
  return <RecordBody state={usePlaceRecord(id)} onOpenPanel={onOpenPanel} />;
}

const layerOf = {
  org: 'orgs',
  place: 'places',
  new_org: 'new_orgs',
  wish: 'wishes',
  belt: 'belts',
  pairing: 'pairings',
  regional_group: 'regional_groups',
  area: 'grids',
  grid: 'grids',
} as const satisfies Record<Selection['kind'], string>;

/** A clicked or searched feature's record, with links to the registry and to its area's panel. */
export function FeaturePanel({
  selection,
  onClose,
  onOpenPanel,
}: {
  selection: Selection;
  onClose: () => void;
  onOpenPanel: (kind: 'area' | 'grid', code: string) => void;
}) {
  const { t } = useTranslation('oneMap');
  const id = Number(selection.ref);
  const View = recordViews[selection.kind];
  return (
    <aside className="panel feature-panel" data-testid="feature-panel" data-kind={selection.kind} data-ref={selection.ref} aria-live="polite">
      <header className="panel-header">
        <h2>{t(`layers.${layerOf[selection.kind]}`)}</h2>
        <button type="button" className="icon-button" onClick={onClose} aria-label={t('feature.close')}>
          ×
        </button>
      </header>
      {selection.kind === 'org' && <OrgBody key={id} id={id} onOpenPanel={onOpenPanel} />}
      {selection.kind === 'place' && <PlaceBody key={id} id={id} onOpenPanel={onOpenPanel} />}
      {View && <View key={selection.ref} id={id} onOpenPanel={onOpenPanel} />}
    </aside>
  );
}

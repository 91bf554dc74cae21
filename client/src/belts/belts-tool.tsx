import { lazy, Suspense } from 'react';
import type { OneMapTool } from '../one-map/one-map-tool.ts';
import type { RecordViewProps } from '../one-map/one-map-tool.ts';
import { canReadRegistry } from '../registry/registry-roles.ts';

const BeltsPanel = lazy(() => import('./belts-panel.tsx').then((m) => ({ default: m.BeltsPanel })));
const LazyBeltFeature = lazy(() => import('./belt-feature.tsx').then((m) => ({ default: m.BeltFeature })));

/** 示范带 in the tool drawer: for the roles that read organizations (org.read); drawing and keeping belts needs registry.edit. */
export const beltsTool: OneMapTool = {
  id: 'belts',
  labelKey: 'belts:title',
  allowed: canReadRegistry,
  Panel: BeltsPanel,
};

/** A belt's record in the feature panel, loaded with its chunk. */
export function BeltRecordView(props: RecordViewProps) {
  return (
    <Suspense fallback={<p className="muted">…</p>}>
      <LazyBeltFeature {...props} />
    </Suspense>
  );
}

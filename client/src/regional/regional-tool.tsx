import { lazy, Suspense } from 'react';
import type { OneMapTool, RecordViewProps } from '../one-map/one-map-tool.ts';
import { canReadRegistry } from '../registry/registry-roles.ts';

const LazyPairingFeature = lazy(() => import('./regional-feature.tsx').then((m) => ({ default: m.PairingFeature })));
const LazyGroupFeature = lazy(() => import('./regional-feature.tsx').then((m) => ({ default: m.GroupFeature })));

/** 结对共建 / 区域化党建 in the map's tool drawer (`?tool=regional`): for those who read organizations (org.read). */
export const regionalTool: OneMapTool = {
  id: 'regional',
  labelKey: 'regional:tool',
  allowed: canReadRegistry,
  Panel: lazy(() => import('./regional-panel.tsx')),
};

/** A pairing's arc clicked on the map, in the feature panel, loaded with its chunk. */
export function PairingRecordView(props: RecordViewProps) {
  return (
    <Suspense fallback={<p className="muted">…</p>}>
      <LazyPairingFeature {...props} />
    </Suspense>
  );
}

/** A regional group's outline clicked on the map, in the feature panel, loaded with its chunk. */
export function GroupRecordView(props: RecordViewProps) {
  return (
    <Suspense fallback={<p className="muted">…</p>}>
      <LazyGroupFeature {...props} />
    </Suspense>
  );
}

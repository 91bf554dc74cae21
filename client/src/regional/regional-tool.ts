import { lazy } from 'react';
import type { OneMapTool } from '../one-map/one-map-tool.ts';
import { canReadRegistry } from '../registry/registry-roles.ts';

/** 结对共建 / 区域化党建 in the map's tool drawer (`?tool=regional`): for those who read organizations (org.read). */
export const regionalTool: OneMapTool = {
  id: 'regional',
  labelKey: 'regional:tool',
  allowed: canReadRegistry,
  Panel: lazy(() => import('./regional-panel.tsx')),
};

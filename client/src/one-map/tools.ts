import { lazy } from 'react';
import { canReadRegistry } from '../registry/registry-roles.ts';
import { regionalTool } from '../regional/regional-tool.tsx';
import type { OneMapTool } from './one-map-tool.ts';
import { beltsTool } from '../belts/belts-tool.tsx';
import { wishesTool } from '../wishes/wishes-tool.ts';

/**
 * The tool drawer's panels, in tab order. Each capability adds its own entry here (its panel is a
 * lazily loaded component in its own folder).
 */
export const oneMapTools: readonly OneMapTool[] = [
  beltsTool,
  // 两新覆盖: rates and the tracking list (org.read; 销号 with registry.edit)
  { id: 'new-orgs', labelKey: 'newOrgs:tool', allowed: canReadRegistry, Panel: lazy(() => import('../new-orgs/new-orgs-panel.tsx')) },
  regionalTool,
  wishesTool,
];

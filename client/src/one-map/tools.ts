import { regionalTool } from '../regional/regional-tool.tsx';
import type { OneMapTool } from './one-map-tool.ts';
import { beltsTool } from '../belts/belts-tool.tsx';

/**
 * The tool drawer's panels, in tab order. Each capability adds its own entry here (its panel is a
 * lazily loaded component in its own folder).
 */
export const oneMapTools: readonly OneMapTool[] = [beltsTool, regionalTool];

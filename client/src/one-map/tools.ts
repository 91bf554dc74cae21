import type { OneMapTool } from './one-map-tool.ts';
import { beltsTool } from '../belts/belts-tool.tsx';
import { wishesTool } from '../wishes/wishes-tool.ts';

/**
 * The tool drawer's panels, in tab order. Each capability adds its own entry here (its panel is a
 * lazily loaded component in its own folder).
 */
export const oneMapTools: readonly OneMapTool[] = [beltsTool, wishesTool];

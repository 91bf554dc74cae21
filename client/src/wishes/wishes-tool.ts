import { lazy } from 'react';
import type { OneMapTool } from '../one-map/one-map-tool.ts';
import { canReadWishes } from './wish-rights.ts';

/** 微心愿 in the 一张图's tool drawer: the wishes in scope, posting one where the map is clicked, withdrawing. */
export const wishesTool: OneMapTool = {
  id: 'wishes',
  labelKey: 'wishes:tool.label',
  allowed: canReadWishes,
  Panel: lazy(() => import('./wishes-panel.tsx').then((m) => ({ default: m.WishesPanel }))),
};

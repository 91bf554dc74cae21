import type { OpenAPIRegistry } from '@asteasolutions/zod-to-openapi';
import { z } from 'zod';
import { AreaPanel } from '../contract/area-panel.ts';
import { denied, errorResponse, json, named, operations, security, type ApiTag } from '../http/openapi.ts';

export const tag: ApiTag = {
  name: 'area-panel',
  description:
    'The area panel of the Party-building map (党建一张图): for an area or a grid, its organizations, its members counted (never listed), ' +
    'its service positions, how many of its grids have a branch, a leader and a position (网格、支部、网格长、阵地), the formation and ' +
    'coverage rates of its new-type organizations, its wishes and open cases.',
};

const panel = named(AreaPanel, 'AreaPanel');

export function registerPaths(registry: OpenAPIRegistry): void {
  const operation = operations(registry, tag);
  operation({
    method: 'get',
    path: '/api/v1/areas/{code}/panel',
    operationId: 'getAreaPanel',
    security: security.session,
    summary:
      "An area's panel over its whole subtree: members of its organizations; formation rate = own or joint branch / all, coverage rate = " +
      'any coverage / all, per kind of new-type organization (admin, planner, dispatcher, secretary)',
    request: { params: z.object({ code: z.string().meta({ description: '12-digit area code', example: '510703001000' }) }) },
    responses: {
      200: json(panel, 'The area panel'),
      400: errorResponse('invalid_path: not a 12-digit area code'),
      404: errorResponse('not_found: no such area in your scope'),
      ...denied,
    },
  });
  operation({
    method: 'get',
    path: '/api/v1/grids/{code}/panel',
    operationId: 'getGridPanel',
    security: security.session,
    summary:
      "A current grid's panel: the branches that serve it, its leader, the members living in it, the positions, new-type organizations and " +
      'wishes inside it, its open cases (admin, planner, dispatcher, secretary)',
    request: { params: z.object({ code: z.string().meta({ description: '15-digit grid code', example: '510703001001001' }) }) },
    responses: {
      200: json(panel, 'The grid panel'),
      400: errorResponse('invalid_path: not a 15-digit grid code'),
      404: errorResponse('not_found: no such current grid in your scope'),
      ...denied,
    },
  });
}

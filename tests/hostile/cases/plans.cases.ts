import type { HostileCase } from '../hostile-case.ts';
import type { HostileContext } from '../hostile-context.ts';
import { injections } from './queries.cases.ts';

/**
 * Grid plans: bodies and geometry a careless or hostile planner sends (self-crossing lines, huge
 * vertex counts, points outside the community or the world), ETags that are missing, stale or
 * forged, and plans out of scope. None may change a plan, its edits or a grid.
 */
export function planCases(c: HostileContext): HostileCase[] {
  const cases: HostileCase[] = [];
  const { lng, lat } = c.pointC;
  const plan = `/api/v1/plans/${c.planC}`;
  const tag = { 'if-match': c.planCTag };
  const refused = (
    endpoint: string,
    path: string,
    name: string,
    json: unknown,
    status: number,
    code: string,
    headers: Record<string, string> = tag,
  ): HostileCase => ({
    name: `${endpoint}: ${name}`,
    endpoint,
    method: 'POST',
    path,
    json,
    headers,
    status,
    code,
  });
  const edit = (name: string, json: unknown, status: number, code: string) =>
    refused('POST /api/v1/plans/{id}/edits', `${plan}/edits`, name, json, status, code);

  // opening a plan
  const create = (name: string, json: unknown, status: number, code: string) => refused('POST /api/v1/plans', '/api/v1/plans', name, json, status, code, {});
  cases.push(
    create('no title', { community_code: c.communityC }, 400, 'invalid_body'),
    create('a town instead of a community', { community_code: c.townA, title: 't' }, 404, 'not_found'),
    create('an 11-digit community', { community_code: c.communityC.slice(0, 11), title: 't' }, 400, 'invalid_body'),
    create('a title of 101 characters', { community_code: c.communityC, title: '网'.repeat(101) }, 400, 'invalid_body'),
    create('a title with NUL', { community_code: c.communityC, title: 'a\u0000b' }, 400, 'invalid_body'),
    create('an unknown field', { community_code: c.communityC, title: 't', status: 'published' }, 400, 'invalid_body'),
    create('a community that does not exist', { community_code: '510703999001', title: 't' }, 404, 'not_found'),
  );
  for (const bad of injections) cases.push(create(`a community ${JSON.stringify(bad)}`, { community_code: bad, title: 't' }, 400, 'invalid_body'));

  // edits: shapes the schema refuses
  const line = (n: number) => Array.from({ length: n }, (_, i) => [lng + i * 1e-6, lat]);
  cases.push(
    edit('an unknown kind', { kind: 'delete_everything' }, 400, 'invalid_body'),
    edit('a split with one point', { kind: 'split', grid: c.gridC, line: line(1) }, 400, 'invalid_body'),
    edit('a split line of 1,001 points', { kind: 'split', grid: c.gridC, line: line(1001) }, 400, 'invalid_body'),
    edit(
      'a split line beyond 180°',
      {
        kind: 'split',
        grid: c.gridC,
        line: [
          [lng, lat],
          [181, lat],
        ],
      },
      400,
      'invalid_body',
    ),
    edit(
      'a split line of strings',
      {
        kind: 'split',
        grid: c.gridC,
        line: [
          ['104.7', '31.4'],
          ['104.8', '31.5'],
        ],
      },
      400,
      'invalid_body',
    ),
    edit(
      'a split line with a third coordinate',
      {
        kind: 'split',
        grid: c.gridC,
        line: [
          [lng, lat, 0],
          [lng + 0.01, lat, 0],
        ],
      },
      400,
      'invalid_body',
    ),
    edit('a split of a grid key that is not one', { kind: 'split', grid: '12345', line: line(2) }, 400, 'invalid_body'),
    edit('a paint with both a compound and a building', { kind: 'paint', target: c.gridC, compound_id: 1, building_id: 1 }, 400, 'invalid_body'),
    edit('a paint with neither', { kind: 'paint', target: c.gridC }, 400, 'invalid_body'),
    edit('a rename to an empty name', { kind: 'rename', grid: c.gridC, name: '' }, 400, 'invalid_body'),
    edit('a rename with a lone surrogate', { kind: 'rename', grid: c.gridC, name: 'a\ud800' }, 400, 'invalid_body'),
    edit('a move with a NaN', { kind: 'move_vertex', from: [lng, lat], to: ['NaN', lat] }, 400, 'invalid_body'),
  );
  // edits: well formed, but the topology refuses them
  cases.push(
    edit(
      'a split line that crosses itself',
      {
        kind: 'split',
        grid: c.gridC,
        line: [
          [lng - 0.01, lat - 0.01],
          [lng + 0.01, lat + 0.01],
          [lng + 0.01, lat - 0.01],
          [lng - 0.01, lat + 0.01],
        ],
      },
      422,
      'edit_refused',
    ),
    edit(
      'a split line far outside the community',
      {
        kind: 'split',
        grid: c.gridC,
        line: [
          [lng + 1, lat + 1],
          [lng + 1.01, lat + 1.01],
        ],
      },
      422,
      'edit_refused',
    ),
    edit(
      'a split line ending inside the grid',
      {
        kind: 'split',
        grid: c.gridC,
        line: [
          [lng, lat],
          [lng + 1e-5, lat + 1e-5],
        ],
      },
      422,
      'edit_refused',
    ),
    edit('a split of a grid not in the plan', { kind: 'split', grid: c.gridB, line: line(2) }, 404, 'not_found'),
    edit('a merge of a grid with itself', { kind: 'merge', kept: c.gridC, absorbed: c.gridC }, 422, 'edit_refused'),
    edit('a redraw between a grid and itself', { kind: 'redraw', a: c.gridC, b: c.gridC, line: line(2) }, 422, 'edit_refused'),
    edit('a redraw with a grid not in the plan', { kind: 'redraw', a: c.gridC, b: c.gridB, line: line(2) }, 404, 'not_found'),
    edit(
      'a redraw with a new grid that does not exist',
      {
        kind: 'redraw',
        a: c.gridC,
        b: 'new-1',
        line: [
          [lng + 1, lat + 1],
          [lng + 1.01, lat + 1.01],
        ],
      },
      404,
      'not_found',
    ),
    edit('a redraw line of one point', { kind: 'redraw', a: c.gridC, b: c.gridC, line: line(1) }, 400, 'invalid_body'),
    edit('a merge with a new grid that does not exist', { kind: 'merge', kept: c.gridC, absorbed: 'new-99' }, 404, 'not_found'),
    edit('a paint of a compound that does not exist', { kind: 'paint', target: c.gridC, compound_id: 999999999 }, 404, 'not_found'),
    edit('a move of a vertex that is not there', { kind: 'move_vertex', from: [lng + 0.5, lat + 0.5], to: [lng, lat] }, 422, 'edit_refused'),
    edit('a move of a vertex out of the community', { kind: 'move_vertex', from: [lng, lat], to: [lng + 1, lat + 1] }, 422, 'edit_refused'),
  );
  // revisions
  cases.push(
    refused('POST /api/v1/plans/{id}/edits', `${plan}/edits`, 'no If-Match', { kind: 'rename', grid: c.gridC, name: 'x' }, 428, 'precondition_required', {}),
    refused('POST /api/v1/plans/{id}/edits', `${plan}/edits`, 'a stale revision', { kind: 'rename', grid: c.gridC, name: 'x' }, 409, 'revision_mismatch', {
      'if-match': c.planCTag.replace(/r\d+"$/, 'r999"'),
    }),
    refused('POST /api/v1/plans/{id}/edits', `${plan}/edits`, "another plan's ETag", { kind: 'rename', grid: c.gridC, name: 'x' }, 409, 'revision_mismatch', {
      'if-match': c.planBTag,
    }),
    refused('POST /api/v1/plans/{id}/edits', `${plan}/edits`, 'a weak ETag', { kind: 'rename', grid: c.gridC, name: 'x' }, 409, 'revision_mismatch', {
      'if-match': `W/${c.planCTag}`,
    }),
    refused('POST /api/v1/plans/{id}/undo', `${plan}/undo`, 'nothing to undo', undefined, 409, 'plan_not_editable'),
    refused('POST /api/v1/plans/{id}/redo', `${plan}/redo`, 'nothing to redo', undefined, 409, 'plan_not_editable'),
    refused('POST /api/v1/plans/{id}/undo', `${plan}/undo`, 'no If-Match', undefined, 428, 'precondition_required', {}),
  );
  // the review, out of order or malformed
  cases.push(
    refused('POST /api/v1/plans/{id}/submit', `${plan}/submit`, 'a reason of 2,001 characters', { warnings_reason: 'x'.repeat(2001) }, 400, 'invalid_body'),
    refused('POST /api/v1/plans/{id}/submit', `${plan}/submit`, 'a reason that is a number', { warnings_reason: 5 }, 400, 'invalid_body'),
    refused('POST /api/v1/plans/{id}/approve', `${plan}/approve`, 'a draft', { effective_on: '2099-01-01' }, 409, 'plan_not_editable'),
    refused('POST /api/v1/plans/{id}/approve', `${plan}/approve`, 'a day not in the calendar', { effective_on: '2026-02-30' }, 400, 'invalid_body'),
    refused('POST /api/v1/plans/{id}/approve', `${plan}/approve`, 'a date-time', { effective_on: '2026-12-01T00:00:00Z' }, 400, 'invalid_body'),
    refused('POST /api/v1/plans/{id}/reject', `${plan}/reject`, 'a draft', { reason: '不符合要求' }, 409, 'plan_not_editable'),
    refused('POST /api/v1/plans/{id}/reject', `${plan}/reject`, 'no reason', {}, 400, 'invalid_body'),
  );
  // scope and roles
  for (const [endpoint, suffix, json] of [
    ['POST /api/v1/plans/{id}/edits', '/edits', { kind: 'rename', grid: c.gridB, name: 'x' }],
    ['POST /api/v1/plans/{id}/submit', '/submit', {}],
  ] as const) {
    cases.push({
      ...refused(endpoint, `/api/v1/plans/${c.planB}${suffix}`, "town B's plan, as the town A admin", json, 404, 'not_found', { 'if-match': c.planBTag }),
      as: 'adminA',
    });
  }
  cases.push(
    { name: 'GET /api/v1/plans/{id}: as a dispatcher', endpoint: 'GET /api/v1/plans/{id}', path: plan, as: 'dispatcherA', status: 403, code: 'forbidden' },
    {
      name: "GET /api/v1/plans/{id}: town B's plan as the town A admin",
      endpoint: 'GET /api/v1/plans/{id}',
      path: `/api/v1/plans/${c.planB}`,
      as: 'adminA',
      status: 404,
      code: 'not_found',
    },
    {
      name: 'GET /api/v1/plans/{id}/history: no such plan',
      endpoint: 'GET /api/v1/plans/{id}/history',
      path: '/api/v1/plans/999999999/history',
      status: 404,
      code: 'not_found',
    },
    { name: 'GET /api/v1/plans/{id}: not an id', endpoint: 'GET /api/v1/plans/{id}', path: '/api/v1/plans/1e3', status: 400, code: 'invalid_path' },
    { name: 'GET /api/v1/plans: no community', endpoint: 'GET /api/v1/plans', path: '/api/v1/plans', status: 400, code: 'invalid_query' },
    {
      name: 'GET /api/v1/plans: a community given twice',
      endpoint: 'GET /api/v1/plans',
      path: `/api/v1/plans?community=${c.communityC}&community=${c.communityC}`,
      status: 400,
      code: 'invalid_query',
    },
  );
  return cases;
}

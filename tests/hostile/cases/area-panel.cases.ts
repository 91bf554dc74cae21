import type { HostileCase } from '../hostile-case.ts';
import type { HostileContext } from '../hostile-context.ts';

/** The area panel: codes of the wrong shape, areas and grids out of scope or unknown, callers without org.read. */
export function areaPanelCases(c: HostileContext): HostileCase[] {
  const cases: HostileCase[] = [];
  const panel = (endpoint: string, name: string, path: string, status: HostileCase['status'], code?: string, as: HostileCase['as'] = 'admin'): HostileCase => ({
    name: `${endpoint}: ${name}`,
    endpoint,
    path,
    as,
    status,
    code,
  });
  const area = 'GET /api/v1/areas/{code}/panel';
  const grid = 'GET /api/v1/grids/{code}/panel';
  for (const [endpoint, base, good, outside, digits] of [
    [area, '/api/v1/areas', c.communityC, c.townB, 12],
    [grid, '/api/v1/grids', c.gridC, c.gridB, 15],
  ] as const) {
    cases.push(
      panel(endpoint, 'in scope', `${base}/${good}/panel`, '2xx', undefined, 'secretaryC'),
      panel(endpoint, 'one digit short', `${base}/${good.slice(0, -1)}/panel`, 400, 'invalid_path'),
      panel(endpoint, 'one digit long', `${base}/${good}0/panel`, 400, 'invalid_path'),
      panel(endpoint, 'letters', `${base}/${'a'.repeat(digits)}/panel`, 400, 'invalid_path'),
      panel(endpoint, 'an injection', `${base}/${encodeURIComponent("1' or '1'='1")}/panel`, 400, 'invalid_path'),
      panel(endpoint, 'full-width digits', `${base}/${encodeURIComponent('５'.repeat(digits))}/panel`, 400, 'invalid_path'),
      panel(endpoint, 'unknown', `${base}/${'9'.repeat(digits)}/panel`, 404, 'not_found'),
      panel(endpoint, 'out of scope (secretary)', `${base}/${outside}/panel`, 404, 'not_found', 'secretaryC'),
      panel(endpoint, 'a wall token', `${base}/${good}/panel`, 403, 'forbidden', 'wallA'),
      panel(endpoint, 'no credentials', `${base}/${good}/panel`, 401, 'unauthenticated', 'anonymous'),
    );
  }
  return cases;
}

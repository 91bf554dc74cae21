import { Router } from 'express';
import type pg from 'pg';
import { principalOf, requirePermission } from '../auth/middleware.ts';
import { grantsFor, scopeFor } from '../auth/principal.ts';
import { ErrorCode } from '../contract/error.ts';
import { StatsQuery, type StatsSummary } from '../contract/stats.ts';
import { HttpError } from '../http/http-error.ts';
import { parseQuery } from '../http/parse.ts';
import { foldMemberDensity } from '../versions/queries.ts';
import { selectCoverageSettings, selectFigures } from './queries.ts';

/** GET /api/v1/stats/summary?area=CODE: key figures of an area in scope (default: the caller's own). */
export function statsRoutes(db: pg.Pool): Router {
  const router = Router();
  router.get('/api/v1/stats/summary', requirePermission('member.aggregate'), async (req, res) => {
    const query = parseQuery(StatsQuery, req);
    const principal = principalOf(req);
    const code = query.area ?? grantsFor(principal, 'member.aggregate')[0]?.scope ?? '';
    await foldMemberDensity(db); // member figures come from the pyramid: with every commit before this request
    const [rows, settings] = await Promise.all([selectFigures(db, code, scopeFor(principal, 'member.aggregate')), selectCoverageSettings(db)]);
    const root = rows.find((r) => r.is_root);
    if (!root) throw new HttpError(404, ErrorCode.notFound, 'That area does not exist or is not in your scope.');
    const strip = ({ is_root: _, ...figures }: (typeof rows)[number]) => figures;
    const { data_changed_at, ...coverageSettings } = settings;
    const summary: StatsSummary = {
      ...strip(root),
      generated_at: new Date().toISOString(),
      data_changed_at,
      coverage_settings: coverageSettings,
      children: rows.filter((r) => !r.is_root).map(strip),
    };
    res.json(summary);
  });
  return router;
}

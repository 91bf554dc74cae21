import { Router } from 'express';
import type pg from 'pg';
import { actorOf } from '../auth/actor.ts';
import { requirePermission, scopeOf } from '../auth/middleware.ts';
import { GovernanceParams } from '../contract/plan-files.ts';
import { parseParams } from '../http/parse.ts';
import { requireCommunityInScope } from '../plans/community-scope.ts';
import { selectGovernanceLayer } from './governance.queries.ts';
import { importGovernanceFile, removeGovernanceLayer } from './import-governance-file.ts';
import { answeringRefusal, rawFile, readUpload } from './upload.ts';

/** A community's governance grid layer (综治网格): read it, load it from a file, remove it. */
export function governanceRoutes(db: pg.Pool): Router {
  const router = Router();
  const read = requirePermission('plan.read');
  const edit = requirePermission('plan.edit');

  router.get('/api/v1/communities/:code/governance-grids', read, async (req, res) => {
    const { code } = parseParams(GovernanceParams, req);
    await requireCommunityInScope(db, code, scopeOf(req, 'plan.read'));
    res.json(await selectGovernanceLayer(db, code));
  });

  router.put('/api/v1/communities/:code/governance-grids', edit, rawFile, async (req, res) => {
    const { code } = parseParams(GovernanceParams, req);
    const { file, gcj02 } = await readUpload(req, 'governance');
    if (!(await answeringRefusal(res, () => importGovernanceFile(db, actorOf(req), code, file, { gcj02 }, scopeOf(req, 'plan.edit'))))) return;
    res.json(await selectGovernanceLayer(db, code));
  });

  router.delete('/api/v1/communities/:code/governance-grids', edit, async (req, res) => {
    const { code } = parseParams(GovernanceParams, req);
    await removeGovernanceLayer(db, actorOf(req), code, scopeOf(req, 'plan.edit'));
    res.status(204).end();
  });
  return router;
}

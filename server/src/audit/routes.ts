import { Router } from 'express';
import type pg from 'pg';
import { principalOf, requirePermission } from '../auth/middleware.ts';
import { scopeFor } from '../auth/principal.ts';
import { AuditQuery } from '../contract/audit.ts';
import { parseQuery } from '../http/parse.ts';
import { presentAuditPage } from './present.ts';
import { selectAuditPage } from './queries.ts';

export function auditRoutes(db: pg.Pool): Router {
  const router = Router();
  router.get('/api/v1/audit', requirePermission('audit.read'), async (req, res) => {
    const query = parseQuery(AuditQuery, req);
    const rows = await selectAuditPage(db, query, scopeFor(principalOf(req), 'audit.read'));
    res.json(presentAuditPage(rows, query.limit));
  });
  return router;
}

import { Router } from 'express';
import type { WallTokenRow } from '../auth/queries.ts';
import type { SessionCache } from '../auth/session-cache.ts';
import type pg from 'pg';
import { z } from 'zod';
import { numericId } from '../contract/ids.ts';
import { audit } from '../audit/record.ts';
import { principalOf, requirePermission } from '../auth/middleware.ts';
import { actorId, scopePatterns } from '../auth/principal.ts';
import { hashToken, newToken } from '../auth/tokens.ts';
import { createUser } from '../auth/users.ts';
import { ErrorCode } from '../contract/error.ts';
import { CreateUserBody, CreateWallTokenBody } from '../contract/users.ts';
import { HttpError } from '../http/http-error.ts';
import { parseBody, parseParams } from '../http/parse.ts';
import { presentUser, presentWallToken } from './present.ts';
import { areaExists, insertWallToken, revokeWallToken, selectUsers, selectWallTokens, usernameTaken } from './queries.ts';

const IdParams = z.object({ id: numericId('an id') });

/** An admin may hand out only scopes inside their own. */
function assertScopeWithin(patterns: string[], scope: string) {
  if (!patterns.some((p) => scope.startsWith(p.slice(0, -1)))) {
    throw new HttpError(404, ErrorCode.notFound, `No area ${scope} in your scope.`);
  }
}

export function usersRoutes(db: pg.Pool, walls: SessionCache<WallTokenRow>): Router {
  const router = Router();
  const manage = requirePermission('user.manage');

  router.get('/api/v1/users', manage, async (req, res) => {
    const rows = await selectUsers(db, scopePatterns(principalOf(req), 'user.manage'));
    res.json({ users: rows.map(presentUser) });
  });

  router.post('/api/v1/users', manage, async (req, res) => {
    const body = parseBody(CreateUserBody, req);
    assertScopeWithin(scopePatterns(principalOf(req), 'user.manage'), body.scope);
    if (!(await areaExists(db, body.scope))) throw new HttpError(404, ErrorCode.notFound, `No area ${body.scope}.`);
    if (await usernameTaken(db, body.username)) throw new HttpError(409, ErrorCode.conflict, `The username ${body.username} is taken.`);
    const id = await createUser(db, body);
    await audit(db, req, { action: 'user.create', targetKind: 'user', targetIds: [id], scope: body.scope, detail: { username: body.username, role: body.role } });
    res.status(201).json({ id, username: body.username, display_name: body.display_name, disabled: false, grants: [{ role: body.role, scope: body.scope }] });
  });

  router.get('/api/v1/wall-tokens', manage, async (req, res) => {
    const rows = await selectWallTokens(db, scopePatterns(principalOf(req), 'user.manage'));
    res.json({ tokens: rows.map(presentWallToken) });
  });

  router.post('/api/v1/wall-tokens', manage, async (req, res) => {
    const body = parseBody(CreateWallTokenBody, req);
    const principal = principalOf(req);
    assertScopeWithin(scopePatterns(principal, 'user.manage'), body.scope);
    if (!(await areaExists(db, body.scope))) throw new HttpError(404, ErrorCode.notFound, `No area ${body.scope}.`);
    const token = newToken();
    const row = await insertWallToken(db, { name: body.name, tokenHash: hashToken(token), scope: body.scope, createdBy: actorId(principal) });
    await audit(db, req, { action: 'wall_token.create', targetKind: 'wall_token', targetIds: [row.id], scope: body.scope, detail: { name: body.name } });
    res.status(201).json({ ...presentWallToken(row), token });
  });

  router.delete('/api/v1/wall-tokens/:id', manage, async (req, res) => {
    const { id } = parseParams(IdParams, req);
    const row = await revokeWallToken(db, id, scopePatterns(principalOf(req), 'user.manage'));
    if (!row) throw new HttpError(404, ErrorCode.notFound, `No display token ${id} in your scope.`);
    walls.clear(); // tokens are cached by hash, which this process cannot tell from the id
    await audit(db, req, { action: 'wall_token.revoke', targetKind: 'wall_token', targetIds: [id], scope: row.scope });
    res.json(presentWallToken(row));
  });
  return router;
}

import { Router } from 'express';
import type { SessionRow, WallTokenRow } from '../auth/queries.ts';
import type { SessionCache } from '../auth/session-cache.ts';
import type pg from 'pg';
import { z } from 'zod';
import { numericId } from '../contract/ids.ts';
import { principalOf, requirePermission } from '../auth/middleware.ts';
import { actorOf } from '../auth/actor.ts';
import { scopeFor } from '../auth/principal.ts';
import { CreateUserBody, CreateWallTokenBody, UpdateUserBody } from '../contract/users.ts';
import { parseBody, parseParams } from '../http/parse.ts';
import { presentUser, presentWallToken } from './present.ts';
import { addUser, addWallToken, revokeToken, switchUser } from './commands.ts';
import { selectUsers, selectWallTokens } from './queries.ts';

const IdParams = z.object({ id: numericId('an id') });

export function usersRoutes(db: pg.Pool, walls: SessionCache<WallTokenRow>, sessions: SessionCache<SessionRow>): Router {
  const router = Router();
  const manage = requirePermission('user.manage');

  router.get('/api/v1/users', manage, async (req, res) => {
    const rows = await selectUsers(db, scopeFor(principalOf(req), 'user.manage'));
    res.json({ users: rows.map(presentUser) });
  });

  router.post('/api/v1/users', manage, async (req, res) => {
    const body = parseBody(CreateUserBody, req);
    const id = await addUser(db, actorOf(req), body, scopeFor(principalOf(req), 'user.manage'));
    res.status(201).json({ id, username: body.username, display_name: body.display_name, disabled: false, grants: [{ role: body.role, scope: body.scope }] });
  });

  router.patch('/api/v1/users/:id', manage, async (req, res) => {
    const { id } = parseParams(IdParams, req);
    const { disabled } = parseBody(UpdateUserBody, req);
    await switchUser(db, actorOf(req), id, disabled, scopeFor(principalOf(req), 'user.manage'));
    sessions.clear(); // sessions are cached by token hash, which this process cannot tell from the user
    const [row] = await selectUsers(db, scopeFor(principalOf(req), 'user.manage'), id);
    res.json(presentUser(row!));
  });

  router.get('/api/v1/wall-tokens', manage, async (req, res) => {
    const rows = await selectWallTokens(db, scopeFor(principalOf(req), 'user.manage'));
    res.json({ tokens: rows.map(presentWallToken) });
  });

  router.post('/api/v1/wall-tokens', manage, async (req, res) => {
    const body = parseBody(CreateWallTokenBody, req);
    const { row, token } = await addWallToken(db, actorOf(req), body, scopeFor(principalOf(req), 'user.manage'));
    res.status(201).json({ ...presentWallToken(row), token });
  });

  router.delete('/api/v1/wall-tokens/:id', manage, async (req, res) => {
    const { id } = parseParams(IdParams, req);
    const row = await revokeToken(db, actorOf(req), id, scopeFor(principalOf(req), 'user.manage'));
    walls.clear(); // tokens are cached by hash, which this process cannot tell from the id
    res.json(presentWallToken(row));
  });
  return router;
}

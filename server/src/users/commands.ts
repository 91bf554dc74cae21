import type pg from 'pg';
import { audit, type Actor } from '../audit/record.ts';
import type { Scope } from '../auth/scope.ts';
import { hashToken, newToken } from '../auth/tokens.ts';
import { createUser } from '../auth/users.ts';
import { ErrorCode } from '../contract/error.ts';
import type { CreateUserBody, CreateWallTokenBody } from '../contract/users.ts';
import { isUniqueViolation } from '../db/errors.ts';
import { withTransaction } from '../db/transaction.ts';
import { DomainError } from '../domain-error.ts';
import { areaExists, insertWallToken, revokeWallToken, setUserDisabled, usernameTaken, type WallTokenRow } from './queries.ts';

/** An admin may hand out only scopes inside their own. */
function assertScopeWithin(adminScope: Scope, scope: string) {
  if (!adminScope.holds(scope)) {
    throw new DomainError('not_found', ErrorCode.notFound, `No area ${scope} in your scope.`);
  }
}

async function assertAreaExists(tx: pg.PoolClient, code: string) {
  if (!(await areaExists(tx, code))) throw new DomainError('not_found', ErrorCode.notFound, `No area ${code}.`);
}

/** Creates an account with one role over an area inside the admin's scope, audited in the same transaction. */
export async function addUser(db: pg.Pool, actor: Actor, body: CreateUserBody, adminScope: Scope): Promise<number> {
  assertScopeWithin(adminScope, body.scope);
  try {
    return await withTransaction(db, async (tx) => {
      await assertAreaExists(tx, body.scope);
      if (await usernameTaken(tx, body.username)) throw new DomainError('conflict', ErrorCode.conflict, `The username ${body.username} is taken.`);
      const id = await createUser(tx, body);
      await audit(tx, actor, {
        action: 'user.create',
        targetKind: 'user',
        targetIds: [id],
        scope: body.scope,
        detail: { username: body.username, role: body.role },
      });
      return id;
    });
  } catch (error) {
    if (isUniqueViolation(error)) throw new DomainError('conflict', ErrorCode.conflict, `The username ${body.username} is taken.`);
    throw error;
  }
}

/** Issues a wall display token; the token itself is shown once and only its hash is kept. */
export async function addWallToken(db: pg.Pool, actor: Actor, body: CreateWallTokenBody, adminScope: Scope): Promise<{ row: WallTokenRow; token: string }> {
  assertScopeWithin(adminScope, body.scope);
  const token = newToken();
  const row = await withTransaction(db, async (tx) => {
    await assertAreaExists(tx, body.scope);
    const inserted = await insertWallToken(tx, { name: body.name, tokenHash: hashToken(token), scope: body.scope, createdBy: actor.userId });
    await audit(tx, actor, { action: 'wall_token.create', targetKind: 'wall_token', targetIds: [inserted.id], scope: body.scope, detail: { name: body.name } });
    return inserted;
  });
  return { row, token };
}

/** Revokes a wall token in the admin's scope, audited in the same transaction. */
export function revokeToken(db: pg.Pool, actor: Actor, id: number, adminScope: Scope): Promise<WallTokenRow> {
  return withTransaction(db, async (tx) => {
    const row = await revokeWallToken(tx, id, adminScope);
    if (!row) throw new DomainError('not_found', ErrorCode.notFound, `No display token ${id} in your scope.`);
    await audit(tx, actor, { action: 'wall_token.revoke', targetKind: 'wall_token', targetIds: [id], scope: row.scope });
    return row;
  });
}

/** Switches an account in the admin's scope off (its sessions end) or on, audited in the same transaction. */
export function switchUser(db: pg.Pool, actor: Actor, id: number, disabled: boolean, adminScope: Scope): Promise<void> {
  if (disabled && actor.userId === id) {
    throw new DomainError('conflict', ErrorCode.conflict, 'You cannot switch off your own account; ask another administrator.');
  }
  return withTransaction(db, async (tx) => {
    const user = await setUserDisabled(tx, id, disabled, adminScope);
    if (!user) throw new DomainError('not_found', ErrorCode.notFound, `No account ${id} in your scope.`);
    await audit(tx, actor, { action: disabled ? 'user.disable' : 'user.enable', targetKind: 'user', targetIds: [id], scope: user.scope });
  });
}

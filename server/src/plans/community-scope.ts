import type { Scope } from '../auth/scope.ts';
import { ErrorCode } from '../contract/error.ts';
import type { Queryable } from '../db/transaction.ts';
import { DomainError } from '../domain-error.ts';
import { communityInScope } from './queries.ts';

/** The community or village a plan or a governance layer is for must be one the caller's scope holds: else 404. */
export async function requireCommunityInScope(db: Queryable, code: string, scope: Scope): Promise<void> {
  if (!(await communityInScope(db, code, scope))) {
    throw new DomainError('not_found', ErrorCode.notFound, `No community or village ${code} in your scope.`);
  }
}

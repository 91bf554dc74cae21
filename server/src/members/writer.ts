import type { Actor } from '../audit/record.ts';
import type { Scope } from '../auth/scope.ts';
import { ErrorCode } from '../contract/error.ts';
import type { Tx } from '../db/transaction.ts';
import { DomainError } from '../domain-error.ts';
import { loadMemberRecord, type MemberRecord, type Precision } from './member-record.ts';
import { selectMemberForUpdate, type MemberState } from './registry.queries.ts';

/** Who writes the registry: the actor, their 'registry.edit' scope, and how exactly the answer may show the member. */
export type Writer = { actor: Actor; scope: Scope; precision: Precision };

export const notInScope = (id: number) => new DomainError('not_found', ErrorCode.notFound, `No member ${id} in your scope.`);

/** The member in the writer's scope, locked for the change; one who left takes no more changes. */
export async function lockCurrentMember(tx: Tx, id: number, scope: Scope): Promise<MemberState> {
  const member = await selectMemberForUpdate(tx, id, scope);
  if (!member) throw notInScope(id);
  if (member.left_on !== null) {
    throw new DomainError('conflict', ErrorCode.memberLeft, `Member ${id} left on ${member.left_on}; a member who left takes no more changes.`);
  }
  return member;
}

/** The member's record as the write's answer, read (and, when exact, audited) in the write's transaction. */
export async function recordAfterWrite(tx: Tx, w: Writer, id: number): Promise<MemberRecord> {
  const record = await loadMemberRecord(tx, w.actor, id, w.scope, w.precision);
  if (!record) throw notInScope(id);
  return record;
}

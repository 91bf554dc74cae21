import type { Tx } from '../db/transaction.ts';
import { insertAudit, type AuditRecord } from './queries.ts';

/** Who did it: the signed-in user (null for a wall display, a member's link, or nobody) and from where. */
export type Actor = { userId: number | null; ip: string | null };

/**
 * Appends what `actor` did to the audit log, inside the transaction of the action itself: the
 * change and its record commit together or not at all.
 */
export function audit(tx: Tx, actor: Actor, entry: Omit<AuditRecord, 'userId' | 'ip'> & { userId?: number | null }): Promise<void> {
  return insertAudit(tx, { ...entry, userId: entry.userId !== undefined ? entry.userId : actor.userId, ip: actor.ip });
}

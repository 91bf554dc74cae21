import type { Request } from 'express';
import type pg from 'pg';
import { actorId } from '../auth/principal.ts';
import { clientAddress } from '../http/client-address.ts';
import { insertAudit, type AuditRecord } from './queries.ts';

/** Appends what the caller of `req` did to the audit log: who, what, from where. */
export function audit(db: pg.Pool | pg.PoolClient, req: Request, entry: Omit<AuditRecord, 'userId' | 'ip'> & { userId?: number | null }) {
  return insertAudit(db, {
    ...entry,
    userId: entry.userId !== undefined ? entry.userId : actorId(req.principal),
    ip: clientAddress(req),
  });
}

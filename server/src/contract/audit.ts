import { z } from 'zod';
import { numericId } from './ids.ts';

/** `from` is inclusive, `to` exclusive. */
export const AuditQuery = z.object({
  user: numericId('a user id').optional(),
  action: z.string().regex(/^[a-z_.]{1,100}$/, 'must be an action name such as member.read_exact').optional(),
  from: z.iso.datetime({ offset: true, error: 'must be an ISO 8601 date-time' }).optional(),
  to: z.iso.datetime({ offset: true, error: 'must be an ISO 8601 date-time' }).optional(),
  before: numericId('an audit entry id').optional(),
  limit: z.string().regex(/^\d{1,3}$/, 'must be a whole number').transform(Number)
    .pipe(z.number().min(1, 'must be between 1 and 200').max(200, 'must be between 1 and 200')).default(50),
});
export type AuditQuery = z.output<typeof AuditQuery>;

export const AuditEntry = z.object({
  id: z.number(),
  at: z.string(),
  user: z.object({ id: z.number(), username: z.string() }).nullable(),
  action: z.string(),
  target_kind: z.string().nullable(),
  target_ids: z.array(z.number()),
  scope: z.string().nullable(),
  ip: z.string().nullable(),
  detail: z.record(z.string(), z.unknown()),
});
export type AuditEntry = z.infer<typeof AuditEntry>;

/** Newest first; pass `next_before` as `before` for the next page. */
export const AuditPage = z.object({ entries: z.array(AuditEntry), next_before: z.number().nullable() });
export type AuditPage = z.infer<typeof AuditPage>;

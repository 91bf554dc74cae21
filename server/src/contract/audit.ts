import { z } from 'zod';
import { numericId } from './ids.ts';
import { queryInteger } from './numbers.ts';
import { isoDateTime } from './time.ts';

/** `from` is inclusive, `to` exclusive. */
export const AuditQuery = z.object({
  user: numericId('a user id').optional(),
  /** the same by username, as the audit page's filter asks */
  username: z
    .string()
    .regex(/^[a-z0-9_.-]{2,50}$/, 'must be a username such as county_admin')
    .optional(),
  action: z
    .string()
    .regex(/^[a-z_.]{1,100}$/, 'must be an action name such as member.read_exact')
    .optional(),
  from: isoDateTime().optional(),
  to: isoDateTime().optional(),
  before: numericId('an audit entry id').optional(),
  limit: queryInteger(1, 200).default(50),
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
  /** the name of the `scope` area, e.g. 东街社区; null when there is no scope */
  scope_name: z.string().nullable(),
  /** for `target_kind` user: the usernames, in the order of `target_ids`; null for other kinds */
  target_names: z.array(z.string()).nullable(),
  ip: z.string().nullable(),
  detail: z.record(z.string(), z.unknown()),
});
export type AuditEntry = z.infer<typeof AuditEntry>;

/** Newest first; pass `next_before` as `before` for the next page. */
export const AuditPage = z.object({ entries: z.array(AuditEntry), next_before: z.number().nullable() });
export type AuditPage = z.infer<typeof AuditPage>;

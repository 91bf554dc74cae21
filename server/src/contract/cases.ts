import { z } from 'zod';
import { text } from './text.ts';

export const caseSeverities = ['low', 'normal', 'high', 'critical'] as const;
export const caseStatuses = ['reported', 'registered', 'dispatched', 'handling', 'verifying', 'closed'] as const;

const coordinate = (min: number, max: number) =>
  z.number({ error: 'must be a number' }).min(min, `must be between ${min} and ${max}`).max(max, `must be between ${min} and ${max}`);

export const CreateCaseBody = z.object({
  kind: text({ max: 50 }),
  title: text({ max: 200 }),
  description: text({ max: 5000, min: 0, multiline: true, trim: false }).optional(),
  lng: coordinate(-180, 180),
  lat: coordinate(-90, 90),
  severity: z.enum(caseSeverities).default('normal'),
});
export type CreateCaseBody = z.infer<typeof CreateCaseBody>;

/** Required on POST /api/v1/cases: the same key never creates two cases. */
export const idempotencyHeader = 'idempotency-key';
export const IdempotencyKey = z
  .string({ error: 'the Idempotency-Key header is required' })
  .trim()
  .min(1, 'the Idempotency-Key header is required')
  .max(200, 'the Idempotency-Key header is too long')
  .pipe(text({ max: 200 }));

export const CaseEvent = z.object({
  id: z.number(),
  at: z.string(),
  from_status: z.enum(caseStatuses).nullable(),
  to_status: z.enum(caseStatuses).nullable(),
  note: z.string().nullable(),
  data: z.record(z.string(), z.unknown()),
});
export type CaseEvent = z.infer<typeof CaseEvent>;

const Ref = z.object({ code: z.string(), name: z.string() });

export const CaseView = z.object({
  id: z.number(),
  kind: z.string(),
  title: z.string(),
  description: z.string().nullable(),
  severity: z.enum(caseSeverities),
  status: z.enum(caseStatuses),
  position: z.tuple([z.number(), z.number()]),
  town: Ref.nullable(),
  community: Ref.nullable(),
  grid: Ref.nullable(),
  branch: z.object({ id: z.number(), name: z.string() }).nullable(),
  grid_leader: z.string().nullable(),
  reported_at: z.string(),
  closed_at: z.string().nullable(),
  active_dispatch_id: z.number().nullable(),
  timeline: z.array(CaseEvent),
});
export type CaseView = z.infer<typeof CaseView>;

export const CasesQuery = z.object({
  status: z.enum(['open', 'closed', 'all']).default('open'),
});
export type CasesQuery = z.infer<typeof CasesQuery>;

export const CaseList = z.object({ cases: z.array(CaseView.omit({ timeline: true })) });
export type CaseList = z.infer<typeof CaseList>;

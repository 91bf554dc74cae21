import { z } from 'zod';

/** Events on GET /api/v1/live (server-sent events): ids only, never a member's name or position. */
export const LiveEvent = z.discriminatedUnion('type', [
  z.object({ type: z.literal('case.created'), case_id: z.number() }),
  z.object({ type: z.literal('case.updated'), case_id: z.number() }),
  z.object({ type: z.literal('dispatch.updated'), case_id: z.number(), dispatch_id: z.number() }),
  /** data behind tiles and figures changed; `topic` is one of dataTopics */
  z.object({ type: z.literal('data.version'), topic: z.string(), version: z.number() }),
]);

/** What a data version counts changes of; tiles carry the versions of their topics in the ETag. */
export const dataTopics = ['territory', 'org', 'place', 'member', 'case', 'dispatch', 'coverage', 'party_building', 'wish'] as const;
export type DataTopic = (typeof dataTopics)[number];
export type LiveEvent = z.infer<typeof LiveEvent>;

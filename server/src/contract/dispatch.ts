import { z } from 'zod';
import { Lat, Lng } from './geo.ts';
import { queryInteger, queryNumber } from './numbers.ts';

const skillList = z
  .string()
  .regex(/^[a-z_]{1,30}(,[a-z_]{1,30}){0,9}$/, 'must be skill names separated by commas, e.g. first_aid,driving')
  .transform((s) => s.split(','));

export const NearbyQuery = z.object({
  lng: Lng,
  lat: Lat,
  radius: queryNumber(1, 20_000).default(1000),
  limit: queryInteger(1, 500).default(50),
  available: z
    .enum(['true', 'false'], { error: 'must be true or false' })
    .default('true')
    .transform((v) => v === 'true'),
  skills: skillList.optional(),
});
export type NearbyQuery = z.output<typeof NearbyQuery>;

export const NearbyMember = z.object({
  id: z.number(),
  name: z.string(),
  org: z.object({ id: z.number(), name: z.string() }),
  distance_m: z.number(),
  skills: z.array(z.string()),
  stars: z.number(),
  /** exact, for dispatchers and admins (audited); null for others */
  position: z.tuple([z.number(), z.number()]).nullable(),
});
export type NearbyMember = z.infer<typeof NearbyMember>;

export const NearbyResult = z.object({
  center: z.tuple([z.number(), z.number()]),
  radius: z.number(),
  members: z.array(NearbyMember),
});
export type NearbyResult = z.infer<typeof NearbyResult>;

export const StartDispatchBody = z.object({
  radius: z.number().int().min(50, 'must be at least 50 m').max(20_000, 'must be at most 20 km').default(1000),
  maxRadius: z.number().int().min(50).max(20_000, 'must be at most 20 km').optional(),
  waveSize: z.number().int().min(1, 'must be at least 1').max(50, 'must be at most 50').default(5),
  target: z.number().int().min(1, 'must be at least 1').max(100, 'must be at most 100').default(3),
  skills: z
    .array(z.string().regex(/^[a-z_]{1,30}$/, 'must be a skill name'))
    .max(10)
    .default([]),
  /** seconds a member has to answer before the alert times out */
  alertTimeout: z.number().int().min(1).max(3600).default(90),
});
export type StartDispatchBody = z.infer<typeof StartDispatchBody>;

export const alertStates = ['alerted', 'accepted', 'declined', 'timed_out', 'cancelled', 'recalled', 'arrived'] as const;
export type AlertState = (typeof alertStates)[number];

/**
 * What became of the SMS alert to a member: `pending` (not answered by the gateway yet), `sent`,
 * `failed` (the last try failed; it is retried), `not_sent` (no SMS gateway is configured).
 */
export const smsStatuses = ['pending', 'sent', 'failed', 'not_sent'] as const;
export type SmsStatus = (typeof smsStatuses)[number];

export const DispatchAlert = z.object({
  member: NearbyMember.omit({ distance_m: true }),
  wave: z.number(),
  state: z.enum(alertStates),
  distance_m: z.number(),
  alerted_at: z.string(),
  answered_at: z.string().nullable(),
  arrived_at: z.string().nullable(),
  /** the SMS alert's fate (see smsStatuses); null for alerts made before it was recorded */
  sms_status: z.enum(smsStatuses).nullable(),
  /** the member's phone, for the dispatcher to call, only once they accepted (accepted or arrived) */
  phone: z.string().nullable(),
});
export type DispatchAlert = z.infer<typeof DispatchAlert>;

export const DispatchView = z.object({
  id: z.number(),
  case_id: z.number(),
  status: z.enum(['active', 'fulfilled', 'closed']),
  radius_m: z.number(),
  max_radius_m: z.number(),
  wave_size: z.number(),
  target: z.number(),
  skills: z.array(z.string()),
  /** seconds an alert waits for an answer before it times out and the next wave goes */
  alert_timeout_s: z.number(),
  waves: z.number(),
  accepted: z.number(),
  alerts: z.array(DispatchAlert),
});
export type DispatchView = z.infer<typeof DispatchView>;

export const AddMemberBody = z.object({ member_id: z.number().int().min(1) });

/** What the member's page (/m/{token}) shows and sends; the token is a signed, expiring link. */
export const MemberAlertView = z.object({
  case: z.object({ kind: z.string(), title: z.string(), description: z.string().nullable(), position: z.tuple([z.number(), z.number()]) }),
  member: z.object({ name: z.string() }),
  /**
   * whom the member may call: the dispatcher who alerted them (null when the system did), the
   * command center's duty phone, and the grid leader where the incident is (null when none is known)
   */
  contact: z.object({
    dispatcher: z.string().nullable(),
    duty_phone: z.string().nullable(),
    grid_leader: z.object({ name: z.string(), phone: z.string().nullable() }).nullable(),
  }),
  state: z.enum(alertStates),
  distance_m: z.number(),
  expires_at: z.string(),
});
export type MemberAlertView = z.infer<typeof MemberAlertView>;

/**
 * A member's signed link, for a dispatcher running an exercise (演练) with no SMS gateway: they show
 * it as a QR code or copy it to the member. `url` is absolute when PUBLIC_URL is set; otherwise the
 * console puts its own origin before `path`.
 */
export const MemberLinkView = z.object({
  member_id: z.number(),
  path: z.string(),
  url: z.string().nullable(),
  expires_at: z.string(),
});
export type MemberLinkView = z.infer<typeof MemberLinkView>;

export const MemberAnswer = z.enum(['accept', 'decline', 'arrived']);
export type MemberAnswer = z.infer<typeof MemberAnswer>;

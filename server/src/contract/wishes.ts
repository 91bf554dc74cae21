import { z } from 'zod';
import { AreaCode } from './areas.ts';
import { Bbox } from './grids.ts';
import { numericId } from './ids.ts';
import { queryInteger } from './numbers.ts';
import { LngLat } from './places.ts';
import { text } from './text.ts';

/** 微心愿: open → claimed (by a member) → fulfilled (with a note, points credited); open or claimed → withdrawn. */
export const wishStatuses = ['open', 'claimed', 'fulfilled', 'withdrawn'] as const;
export const WishStatus = z.enum(wishStatuses);
export type WishStatus = z.infer<typeof WishStatus>;

/** How far from a member's home the member's page looks for open wishes. */
export const nearbyWishRadiusM = 3000;
/** How long a member's personal link (no alert) works. */
export const personalLinkDays = 30;

export const WishesQuery = z.object({
  /** one status; every status when absent */
  status: WishStatus.optional(),
  /** an area's 12-digit code: the wishes of its subtree */
  area: AreaCode.optional(),
  /** title or detail contains; the resident's name too where you may read it */
  q: text({ max: 100 }).optional(),
  bbox: Bbox.optional(),
  limit: queryInteger(1, 500).default(100),
  after: numericId('a wish id').optional(),
});
export type WishesQuery = z.output<typeof WishesQuery>;

const Named = z.object({ id: z.number(), name: z.string() });

/**
 * A wish as staff lists show it. `resident_name` is personal: given only to callers who may post
 * wishes (wish.manage) or read members exactly (member.read_exact) over its area, null otherwise;
 * `claimed_by` names the member for callers who may list members (member.list) there.
 */
export const WishSummary = z.object({
  id: z.number(),
  title: z.string(),
  status: WishStatus,
  area_code: z.string(),
  area_name: z.string(),
  /** the service position it is posted at; null: a point of its community */
  place: Named.nullable(),
  position: z.tuple([z.number(), z.number()]),
  resident_name: z.string().nullable(),
  claimed_by: Named.nullable(),
  posted_at: z.string(),
  claimed_at: z.string().nullable(),
  fulfilled_at: z.string().nullable(),
  withdrawn_at: z.string().nullable(),
});
export type WishSummary = z.infer<typeof WishSummary>;

export const WishList = z.object({ wishes: z.array(WishSummary), next_after: z.number().nullable() });
export type WishList = z.infer<typeof WishList>;

/** One wish: the summary with its detail, who posted it, the fulfilment's note and points, a withdrawal's reason. */
export const WishRecord = WishSummary.extend({
  detail: z.string().nullable(),
  posted_by: z.object({ id: z.number(), name: z.string() }).nullable(),
  fulfilment_note: z.string().nullable(),
  /** points the fulfilment credited through the ledger; null when none were */
  points: z.number().nullable(),
  withdraw_reason: z.string().nullable(),
});
export type WishRecord = z.infer<typeof WishRecord>;

const positiveId = (what: string) =>
  z
    .number({ error: `must be ${what}` })
    .int(`must be ${what}`)
    .min(1, `must be ${what}`);

/**
 * A wish posted at a service position (`place_id`: its position and area) or at a point
 * (`position`; its area is the community or village there unless `area_code` names one holding it).
 */
export const CreateWishBody = z
  .strictObject({
    title: text({ max: 200 }),
    detail: text({ max: 2000, multiline: true }).optional(),
    /** the resident the wish is for (personal: only wish.manage and member.read_exact read it) */
    resident_name: text({ max: 50 }).optional(),
    area_code: AreaCode.optional(),
    position: LngLat.optional(),
    place_id: positiveId('a place id').optional(),
  })
  .superRefine((body, ctx) => {
    if ((body.position === undefined) === (body.place_id === undefined)) {
      ctx.addIssue({ code: 'custom', path: ['position'], message: 'give either position or place_id' });
    }
    if (body.place_id !== undefined && body.area_code !== undefined) {
      ctx.addIssue({ code: 'custom', path: ['area_code'], message: "is the place's own: leave it out with place_id" });
    }
  });
export type CreateWishBody = z.infer<typeof CreateWishBody>;

/** What an open wish's edit may change; null clears a field. */
export const UpdateWishBody = z
  .strictObject({
    title: text({ max: 200 }).optional(),
    detail: text({ max: 2000, multiline: true }).nullable().optional(),
    resident_name: text({ max: 50 }).nullable().optional(),
  })
  .refine((body) => Object.values(body).some((v) => v !== undefined), 'must change at least one field');
export type UpdateWishBody = z.infer<typeof UpdateWishBody>;

export const WithdrawWishBody = z.strictObject({ reason: text({ max: 500 }).optional() });
export type WithdrawWishBody = z.infer<typeof WithdrawWishBody>;

/** A member's fulfilment: what was done (required). */
export const FulfilWishBody = z.strictObject({ note: text({ max: 500, multiline: true }) });
export type FulfilWishBody = z.infer<typeof FulfilWishBody>;

/**
 * A wish as a member's page shows it: never the resident's full name (`resident` keeps the first
 * character, 张**), never a position; `place` is the service position's name, else its community's.
 */
export const MemberWish = z.object({
  id: z.number(),
  title: z.string(),
  detail: z.string().nullable(),
  resident: z.string().nullable(),
  place: z.string(),
  status: WishStatus,
  /** meters from the member's home, geodesic */
  distance_m: z.number(),
  posted_at: z.string(),
  claimed_at: z.string().nullable(),
  fulfilled_at: z.string().nullable(),
  fulfilment_note: z.string().nullable(),
  /** points the fulfilment credited */
  points: z.number().nullable(),
});
export type MemberWish = z.infer<typeof MemberWish>;

/**
 * `/api/m/{token}/wishes`: the member, their points balance, the open wishes within `radius_m` of
 * their home (nearest first) and their own (claimed first, then fulfilled, newest first). `alert`:
 * the link is an alert's (its page shows the alert above).
 */
export const MemberWishesView = z.object({
  member: z.object({ name: z.string(), points: z.number() }),
  alert: z.boolean(),
  radius_m: z.number(),
  /** points a fulfilment earns now (the rule for 'wish') */
  points_per_wish: z.number(),
  expires_at: z.string(),
  nearby: z.array(MemberWish),
  mine: z.array(MemberWish),
});
export type MemberWishesView = z.infer<typeof MemberWishesView>;

/** POST /api/v1/members/{id}/link: a member's personal link (no alert), e.g. for an SMS or a QR code. */
export const PersonalLinkView = z.object({
  member_id: z.number(),
  path: z.string(),
  url: z.string().nullable(),
  expires_at: z.string(),
});
export type PersonalLinkView = z.infer<typeof PersonalLinkView>;

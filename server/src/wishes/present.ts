import type { MemberWish, WishRecord, WishSummary } from '../contract/wishes.ts';
import type { MemberWishRow, WishRow, WishSummaryRow } from './queries.ts';

const iso = (d: Date | null) => (d === null ? null : d.toISOString());

export function presentWishSummary(r: WishSummaryRow): WishSummary {
  return {
    id: r.id,
    title: r.title,
    status: r.status,
    area_code: r.area_code,
    area_name: r.area_name,
    place: r.place_id !== null ? { id: r.place_id, name: r.place_name ?? '' } : null,
    position: [r.lng, r.lat],
    resident_name: r.resident_name,
    claimed_by: r.claimed_by_id !== null ? { id: r.claimed_by_id, name: r.claimed_by_name ?? '' } : null,
    posted_at: r.posted_at.toISOString(),
    claimed_at: iso(r.claimed_at),
    fulfilled_at: iso(r.fulfilled_at),
    withdrawn_at: iso(r.withdrawn_at),
  };
}

export function presentWishRecord(r: WishRow): WishRecord {
  return {
    ...presentWishSummary(r),
    detail: r.detail,
    posted_by: r.posted_by_id !== null ? { id: r.posted_by_id, name: r.posted_by_name ?? '' } : null,
    fulfilment_note: r.fulfilment_note,
    points: r.points,
    withdraw_reason: r.withdraw_reason,
  };
}

/** 张三丰 → 张**: the first character and a star for each other one (whole characters, not UTF-16 halves). */
export function maskName(name: string | null): string | null {
  if (name === null) return null;
  const [first, ...rest] = Array.from(name);
  return `${first ?? ''}${'*'.repeat(Math.max(1, rest.length))}`;
}

export function presentMemberWish(r: MemberWishRow): MemberWish {
  return {
    id: r.id,
    title: r.title,
    detail: r.detail,
    resident: maskName(r.resident_name),
    place: r.place_name,
    status: r.status,
    distance_m: Math.round(r.distance_m),
    posted_at: r.posted_at.toISOString(),
    claimed_at: iso(r.claimed_at),
    fulfilled_at: iso(r.fulfilled_at),
    fulfilment_note: r.fulfilment_note,
    points: r.points,
  };
}

import type { NearbyMember } from '../contract/dispatch.ts';
import type { MemberDetail, MemberSummary, PointsLedger, StarReview } from '../contract/members.ts';
import { presentHistory } from '../registry-history/present.ts';
import type { MemberRecord } from './member-record.ts';
import type { NearbyRow } from './nearby.queries.ts';
import type { PointsRow, StarReviewRow } from './points.queries.ts';
import type { MemberRow } from './queries.ts';

export function presentMember(r: MemberRow): MemberSummary {
  return {
    id: r.id,
    name: r.name,
    org: { id: r.org_id, name: r.org_name },
    stars: r.stars,
    skills: r.skills,
    available: r.available,
    mobile: r.mobile,
    in_service: r.in_service,
    approx_position: [r.approx_lng, r.approx_lat],
    left_on: r.left_on,
    registration_community: r.registration_name,
    mobile_whereabouts: r.mobile_whereabouts,
  };
}

export function presentMemberDetail({ row: r, history, precision }: MemberRecord): MemberDetail {
  const exact = precision === 'exact';
  return {
    ...presentMember(r),
    gender: r.gender,
    birth_year: r.birth_year,
    points: r.points,
    joined_on: r.joined_on,
    precision,
    position: exact ? [r.lng, r.lat] : null,
    phone: exact ? r.phone : null,
    registration:
      r.registration_community === null
        ? null
        : { community_code: r.registration_community, community_name: r.registration_name ?? r.registration_community, since: r.registered_on },
    mobile_place: r.mobile ? { area_code: r.mobile_area_code, area_name: r.mobile_area_name, whereabouts: r.mobile_words, since: r.mobile_since } : null,
    left: r.left_on === null ? null : { on: r.left_on, reason: r.left_reason ?? '' },
    history: history.map(presentHistory),
  };
}

export function presentLedger(balance: number, rows: PointsRow[]): PointsLedger {
  return {
    balance,
    entries: rows.map((p) => ({
      id: p.id,
      kind: p.kind,
      points: p.points,
      earned_on: p.earned_on,
      note: p.note,
      dispatch_id: p.dispatch_id,
      recorded_at: p.recorded_at.toISOString(),
    })),
  };
}

export function presentStarReview(year: number, rows: StarReviewRow[]): StarReview {
  return {
    year,
    reviewed: rows.length,
    changes: rows.filter((r) => r.stars_before !== r.stars_after),
  };
}

/** Exact position only for callers who dispatch; distances to 0.1 m. */
export function presentNearby(r: NearbyRow, exact: boolean): NearbyMember {
  return {
    id: r.id,
    name: r.name,
    org: { id: r.org_id, name: r.org_name },
    distance_m: Math.round(r.distance_m * 10) / 10,
    skills: r.skills,
    stars: r.stars,
    position: exact ? [r.lng, r.lat] : null,
  };
}

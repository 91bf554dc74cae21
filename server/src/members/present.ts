import type { NearbyMember } from '../contract/dispatch.ts';
import type { MemberDetail, MemberSummary } from '../contract/members.ts';
import type { NearbyRow } from './nearby.queries.ts';
import type { MemberDetailRow, MemberRow } from './queries.ts';

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
  };
}

export function presentMemberDetail(r: MemberDetailRow, precision: 'exact' | 'generalized'): MemberDetail {
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

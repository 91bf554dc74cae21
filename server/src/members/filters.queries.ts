import type { MemberFilters } from '../contract/members.ts';

/** The member list's filters but leaving (which picks an index, so stays a literal), as SQL and values. */
export type MemberFilterValues = Partial<Omit<MemberFilters, 'status'>>;

/**
 * The list's filters on a member row `m`, their values bound from `$from` on (see
 * memberFilterValues): the member list and the registry's member export filter alike.
 */
export function memberFilterSql(from: number): string {
  const $ = (i: number) => `$${from + i}`;
  return `(${$(0)}::float8 is null or m.home && st_makeenvelope(${$(0)}, ${$(1)}, ${$(2)}, ${$(3)}, 4326))
         and (${$(4)}::bigint is null or m.org_id = ${$(4)})
         and (${$(5)}::text is null or strpos(m.name, ${$(5)}::text) > 0)
         and (${$(6)}::text is null or m.registration_community = ${$(6)}::text)
         and (${$(7)}::boolean is null or m.mobile = ${$(7)}::boolean)
         and (${$(8)}::boolean is null or m.in_service = ${$(8)}::boolean)
         and (${$(9)}::boolean is null or m.available = ${$(9)}::boolean)
         and (${$(10)}::text[] is null or m.skills @> ${$(10)}::text[])
         and (${$(11)}::smallint[] is null or m.stars = any(${$(11)}::smallint[]))
         and (${$(12)}::text is null or exists (
           select 1 from grid_version g
           where g.grid_code = ${$(12)}::text and g.valid_to is null and g.geom && m.home and st_intersects(g.geom, m.home)))`;
}

/** The values memberFilterSql binds, in its order. */
export function memberFilterValues(q: MemberFilterValues): unknown[] {
  return [
    q.bbox?.minLng ?? null,
    q.bbox?.minLat ?? null,
    q.bbox?.maxLng ?? null,
    q.bbox?.maxLat ?? null,
    q.org ?? null,
    q.q ?? null,
    q.community ?? null,
    q.mobile ?? null,
    q.in_service ?? null,
    q.available ?? null,
    q.skills ?? null,
    q.stars ?? null,
    q.grid ?? null,
  ];
}

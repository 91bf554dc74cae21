import type { Scope } from '../auth/scope.ts';
import type { MemberFilters, MemberStatus } from '../contract/members.ts';
import type { Queryable } from '../db/transaction.ts';
import { memberFilterSql, memberFilterValues } from './filters.queries.ts';

export type MemberRow = {
  id: number;
  name: string;
  org_id: number;
  org_name: string;
  stars: number;
  skills: string[];
  available: boolean;
  mobile: boolean;
  in_service: boolean;
  approx_lng: number;
  approx_lat: number;
  left_on: string | null;
  registration_name: string | null;
  mobile_whereabouts: string | null;
};

export type MemberDetailRow = MemberRow & {
  gender: 'male' | 'female';
  birth_year: number | null;
  points: number;
  joined_on: string | null;
  lng: number;
  lat: number;
  phone: string | null;
  org_area_code: string;
  left_reason: string | null;
  registration_community: string | null;
  registered_on: string | null;
  mobile_area_code: string | null;
  mobile_area_name: string | null;
  mobile_words: string | null;
  mobile_since: string | null;
};

// A ~100 m cell centre in Web Mercator: the position the registry shows instead of the home.
const approx = `st_transform(st_setsrid(st_point(
    floor(st_x(st_transform(m.home, 3857)) / 100) * 100 + 50,
    floor(st_y(st_transform(m.home, 3857)) / 100) * 100 + 50), 3857), 4326)`;

const summaryColumns = `m.id, m.name, o.id as org_id, o.name as org_name, m.stars, m.skills, m.available, m.mobile,
  m.in_service, round(st_x(${approx})::numeric, 6)::float8 as approx_lng, round(st_y(${approx})::numeric, 6)::float8 as approx_lat,
  m.left_on::text as left_on, rc.name as registration_name, coalesce(m.mobile_whereabouts, ma.name) as mobile_whereabouts`;

const summaryJoins = `join org o on o.id = m.org_id
     left join area rc on rc.code = m.registration_community
     left join area ma on ma.code = m.mobile_area_code`;

/** Which members a list holds by their leaving, as a literal predicate (never a parameter). */
const statusPredicate: Record<MemberStatus, string> = {
  current: 'm.left_on is null',
  left: 'm.left_on is not null',
  all: 'true',
};

export type MemberListFilter = Partial<Omit<MemberFilters, 'status'>> & { status?: MemberStatus; after?: number | undefined; limit: number };

/**
 * Members of organizations in scope, keyset-paged by id. The areas in scope come by range on their
 * code (an index condition, see scope_holds), then each area's next members by (org_area_code, id),
 * so a page reads at most a page of members per area, wherever they sit in id order; the filters
 * are tested on those rows, leaving too (current members are the default). The county (the shard
 * key) goes along.
 */
export async function selectMembers(db: Queryable, q: MemberListFilter, scope: Scope): Promise<MemberRow[]> {
  const { rows } = await db.query<MemberRow>(
    `select ${summaryColumns}
     from area a
     cross join lateral (
       select m.* from member m
       where m.org_area_code = a.code and ${statusPredicate[q.status ?? 'current']}
         and ($3::text[] is null or m.county_code = any($3::text[]))
         and ($4::bigint is null or m.id > $4)
         and ${memberFilterSql(6)}
       order by m.id
       limit $5
     ) m
     ${summaryJoins}
     where scope_holds(a.code, $1::text[], $2::text[])
     order by m.id
     limit $5`,
    [scope.lo, scope.hi, scope.counties, q.after ?? null, q.limit + 1, ...memberFilterValues(q)],
  );
  return rows;
}

/** One member of an organization in scope (left or not), with what the record page shows. */
export async function selectMember(db: Queryable, id: number, scope: Scope): Promise<MemberDetailRow | undefined> {
  const { rows } = await db.query<MemberDetailRow>(
    `select ${summaryColumns}, m.gender, m.birth_year, m.points, m.joined_on::text as joined_on,
            st_x(m.home) as lng, st_y(m.home) as lat, m.phone, o.area_code as org_area_code,
            m.left_reason, m.registration_community, m.registered_on::text as registered_on,
            m.mobile_area_code, ma.name as mobile_area_name, m.mobile_whereabouts as mobile_words, m.mobile_since::text as mobile_since
     from member m ${summaryJoins}
     where m.id = $1 and scope_holds(o.area_code, $2::text[], $3::text[])`,
    [id, scope.lo, scope.hi],
  );
  return rows[0];
}

export type DensityRow = {
  cx: number;
  cy: number;
  west: number;
  south: number;
  east: number;
  north: number;
  lng: number;
  lat: number;
  members: number;
  available: number;
};

/**
 * Member counts in the cells cx0..cx1, cy0..cy1 of a lattice level, through `density_cells`
 * (sql/000009), the function the density tiles use: organizations' areas in `scope`, raw counts
 * for the areas in `rawScope`, published counts elsewhere. Reads the pyramid, never the members.
 */
export async function selectDensity(
  db: Queryable,
  level: number,
  cells: { cx0: number; cx1: number; cy0: number; cy1: number },
  scope: Scope,
  rawScope: Scope,
): Promise<DensityRow[]> {
  const { rows } = await db.query<DensityRow>({
    name: 'members_density',
    text: `select c.cx, c.cy,
              round(st_xmin(e)::numeric, 7)::float8 as west, round(st_ymin(e)::numeric, 7)::float8 as south,
              round(st_xmax(e)::numeric, 7)::float8 as east, round(st_ymax(e)::numeric, 7)::float8 as north,
              round(st_x(p)::numeric, 7)::float8 as lng, round(st_y(p)::numeric, 7)::float8 as lat,
              c.total as members, c.available
       from density_cells($1, $2, $3, $4, $5, $6::text[], $7::text[], $8::text[], $9::text[]) c
       cross join lateral cell_envelope($1, c.cx, c.cy) g
       cross join lateral st_transform(g, 4326) e
       cross join lateral st_transform(st_centroid(g), 4326) p
       order by c.cy, c.cx`,
    values: [level, cells.cx0, cells.cx1, cells.cy0, cells.cy1, scope.lo, scope.hi, rawScope.lo, rawScope.hi],
  });
  return rows;
}

import type { Scope } from '../auth/scope.ts';
import type { LineStringGeometry } from '../contract/belts.ts';
import type { PlaceKind } from '../contract/places.ts';
import type { Queryable } from '../db/transaction.ts';
import type { LngLat } from './road-graph.ts';

type Bbox = [number, number, number, number];

/** A line as PostGIS reads it: GeoJSON text in WGS-84. */
const lineText = (line: readonly LngLat[]) => JSON.stringify({ type: 'LineString', coordinates: line });

/** Whether the area exists in scope. */
export async function areaInScope(db: Queryable, code: string, scope: Scope): Promise<boolean> {
  const { rowCount } = await db.query('select 1 from area where code = $1 and scope_holds(code, $2::text[], $3::text[])', [code, scope.lo, scope.hi]);
  return (rowCount ?? 0) > 0;
}

export type SiteRow = {
  id: number;
  kind: PlaceKind;
  name: string;
  area_code: string;
  area_name: string;
  closed_on: string | null;
  lng: number;
  lat: number;
};

/** The places of `ids` in scope, in the order given; an id missing from the answer is not a place in scope. */
export async function selectSites(db: Queryable, ids: readonly number[], scope: Scope): Promise<SiteRow[]> {
  const { rows } = await db.query<SiteRow>(
    `select p.id, p.kind, p.name, p.area_code, a.name as area_name, p.closed_on::text as closed_on, st_x(p.geom) as lng, st_y(p.geom) as lat
     from unnest($1::bigint[]) with ordinality u(id, n)
     join place p on p.id = u.id
     join area a on a.code = p.area_code
     where scope_holds(p.area_code, $2::text[], $3::text[])
     order by u.n`,
    [ids, scope.lo, scope.hi],
  );
  return rows;
}

/**
 * The roads near two sites, noded: every crossing a vertex that both lines share (`st_node`),
 * each road split there. Near means in the box around the two sites' straight line buffered by
 * `marginMeters`, or by `share` of its length where that is more: a way that leaves the box is not
 * found, and the leg is drawn straight.
 */
export async function selectNodedRoads(db: Queryable, from: LngLat, to: LngLat, marginMeters: number, share: number): Promise<LngLat[][]> {
  const { rows } = await db.query<{ line: LngLat[] }>(
    `with leg as (select st_setsrid(st_makeline(st_point($1::float8, $2::float8), st_point($3::float8, $4::float8)), 4326) as geom),
     box as (select st_envelope(st_buffer(geom::geography, greatest($5::float8, $6::float8 * st_length(geom::geography)))::geometry) as geom from leg)
     select st_asgeojson(n.geom, 15)::json -> 'coordinates' as line
     from st_dump((
       select st_node(st_collect(d.geom))
       from road r cross join lateral st_dump(r.geom) d, box
       where r.geom && box.geom
     )) n`,
    [from[0], from[1], to[0], to[1], marginMeters, share],
  );
  return rows.map((r) => r.line);
}

export type ShapeRow = {
  corridor: { type: 'MultiPolygon'; coordinates: [number, number][][][] };
  length_m: number;
  bbox: Bbox;
  leg_lengths: number[];
};

/** A line's corridor `width` meters on either side (as belt.corridor derives it), its length, box, and the lengths of its legs. */
export async function selectShape(db: Queryable, line: readonly LngLat[], width: number, legs: readonly (readonly LngLat[])[]): Promise<ShapeRow> {
  const { rows } = await db.query<ShapeRow>(
    `select st_asgeojson(c.geom, 7)::json as corridor, st_length(l.geom::geography) as length_m,
            array[st_xmin(c.geom), st_ymin(c.geom), st_xmax(c.geom), st_ymax(c.geom)] as bbox,
            (select array_agg(st_length(st_geomfromgeojson(x)::geography) order by n) from unnest($3::text[]) with ordinality u(x, n)) as leg_lengths
     from (select st_setsrid(st_geomfromgeojson($1), 4326) as geom) l
     cross join lateral (select st_multi(st_buffer(l.geom::geography, $2::float8)::geometry) as geom) c`,
    [lineText(line), width, legs.map(lineText)],
  );
  return rows[0]!;
}

export type CountRow = { places: Partial<Record<PlaceKind, number>>; orgs: number; members: number; enterprises: number; social_orgs: number };

/**
 * What lies inside a corridor and in the area's subtree (`area`): open places by kind, open
 * organizations, current members by their home (a count: the member table's geography index is
 * not needed, the corridor's box picks the candidates from member_home_idx), new-type organizations.
 */
function countSql(corridor: string): string {
  return `with c as (select ${corridor} as geom)
    select
      (select coalesce(json_object_agg(k.kind, k.n), '{}'::json) from (
         select p.kind, count(*)::int as n from place p, c
         where st_intersects(c.geom, p.geom) and p.closed_on is null and scope_holds(p.area_code, $1::text[], $2::text[])
         group by p.kind) k) as places,
      (select count(*)::int from org o, c
       where st_intersects(c.geom, o.geom) and o.closed_on is null and scope_holds(o.area_code, $1::text[], $2::text[])) as orgs,
      (select count(*)::int from member m, c
       where st_intersects(c.geom, m.home) and m.left_on is null and m.county_code = $3
         and scope_holds(m.org_area_code, $1::text[], $2::text[])) as members,
      (select count(*)::int from new_org n, c
       where st_intersects(c.geom, n.geom) and n.kind = 'enterprise' and scope_holds(n.area_code, $1::text[], $2::text[])) as enterprises,
      (select count(*)::int from new_org n, c
       where st_intersects(c.geom, n.geom) and n.kind = 'social_org' and scope_holds(n.area_code, $1::text[], $2::text[])) as social_orgs`;
}

const countyOf = (area: Scope) => `${area.lo[0]!.slice(0, 6)}000000`;

/** The counts inside a stored belt's corridor, in its area. */
export async function selectBeltCounts(db: Queryable, beltId: number, area: Scope): Promise<CountRow> {
  const { rows } = await db.query<CountRow>(countSql('(select corridor from belt where id = $4::bigint)'), [area.lo, area.hi, countyOf(area), beltId]);
  return rows[0]!;
}

/** The counts inside the corridor of a line not saved (a preview), in the area. */
export async function selectLineCounts(db: Queryable, line: readonly LngLat[], width: number, area: Scope): Promise<CountRow> {
  const { rows } = await db.query<CountRow>(countSql('st_multi(st_buffer(st_setsrid(st_geomfromgeojson($4::text), 4326)::geography, $5::float8)::geometry)'), [
    area.lo,
    area.hi,
    countyOf(area),
    lineText(line),
    width,
  ]);
  return rows[0]!;
}

export type NewBelt = { name: string; areaCode: string; widthM: number; description: string | null; line: readonly LngLat[] };

export async function insertBelt(db: Queryable, b: NewBelt): Promise<number> {
  const { rows } = await db.query<{ id: number }>(
    `insert into belt (name, area_code, width_m, description, geom)
     values ($1, $2, $3, $4, st_setsrid(st_geomfromgeojson($5), 4326)) returning id`,
    [b.name, b.areaCode, b.widthM, b.description, lineText(b.line)],
  );
  return rows[0]!.id;
}

/** The belt's sites and legs, replacing any before: sites numbered from 1, leg n from site n to n + 1. */
export async function replaceSitesAndLegs(
  db: Queryable,
  beltId: number,
  siteIds: readonly number[],
  legs: ReadonlyArray<{ routed: boolean; line: readonly LngLat[] }>,
): Promise<void> {
  await db.query('delete from belt_leg where belt_id = $1', [beltId]);
  await db.query('delete from belt_site where belt_id = $1', [beltId]);
  await db.query(
    `insert into belt_site (belt_id, seq, place_id)
     select $1, u.n, u.id from unnest($2::bigint[]) with ordinality u(id, n)`,
    [beltId, siteIds],
  );
  await db.query(
    `insert into belt_leg (belt_id, seq, routed, geom)
     select $1, u.n, u.routed, st_setsrid(st_geomfromgeojson(u.line), 4326) from unnest($2::boolean[], $3::text[]) with ordinality u(routed, line, n)`,
    [beltId, legs.map((l) => l.routed), legs.map((l) => lineText(l.line))],
  );
}

export type LockedBeltRow = { id: number; name: string; area_code: string; width_m: number; description: string | null; site_ids: number[] };

/** A belt in scope, locked until the transaction ends, with its sites in order. */
export async function lockBelt(db: Queryable, id: number, scope: Scope): Promise<LockedBeltRow | undefined> {
  const { rows } = await db.query<LockedBeltRow>(
    `select b.id, b.name, b.area_code, b.width_m, b.description,
            array(select s.place_id from belt_site s where s.belt_id = b.id order by s.seq)::float8[] as site_ids
     from belt b where b.id = $1 and scope_holds(b.area_code, $2::text[], $3::text[])
     for update of b`,
    [id, scope.lo, scope.hi],
  );
  return rows[0];
}

export type BeltFields = { name: string; widthM: number; description: string | null };

export async function updateBelt(db: Queryable, id: number, f: BeltFields): Promise<void> {
  await db.query('update belt set name = $2, width_m = $3, description = $4, updated_at = now() where id = $1', [id, f.name, f.widthM, f.description]);
}

export async function setBeltLine(db: Queryable, id: number, line: readonly LngLat[]): Promise<void> {
  await db.query('update belt set geom = st_setsrid(st_geomfromgeojson($2), 4326), updated_at = now() where id = $1', [id, lineText(line)]);
}

export async function deleteBelt(db: Queryable, id: number): Promise<void> {
  await db.query('delete from belt where id = $1', [id]);
}

export type BeltSummaryRow = {
  id: number;
  name: string;
  area_code: string;
  area_name: string;
  site_count: number;
  length_m: number;
  width_m: number;
  bbox: Bbox | null;
};

export type BeltFilter = { area?: Scope | undefined; q?: string | undefined; after?: number | undefined; limit: number };

/** Belts in scope in id order (one more than `limit`, to tell whether another page follows); by area_code through belt_area_idx. */
export async function selectBelts(db: Queryable, f: BeltFilter, scope: Scope): Promise<BeltSummaryRow[]> {
  const { rows } = await db.query<BeltSummaryRow>(
    `select b.id, b.name, b.area_code, a.name as area_name,
            (select count(*)::int from belt_site s where s.belt_id = b.id) as site_count,
            coalesce(st_length(b.geom::geography), 0) as length_m, b.width_m,
            case when b.corridor is null then null
                 else array[st_xmin(b.corridor), st_ymin(b.corridor), st_xmax(b.corridor), st_ymax(b.corridor)] end as bbox
     from belt b join area a on a.code = b.area_code
     where scope_holds(b.area_code, $1::text[], $2::text[])
       and ($3::text[] is null or scope_holds(b.area_code, $3::text[], $4::text[]))
       and ($5::text is null or strpos(lower(b.name), lower($5::text)) > 0)
       and ($6::bigint is null or b.id > $6::bigint)
     order by b.id
     limit $7::int`,
    [scope.lo, scope.hi, f.area?.lo ?? null, f.area?.hi ?? null, f.q ?? null, f.after ?? null, f.limit + 1],
  );
  return rows;
}

export type BeltRow = {
  id: number;
  name: string;
  area_code: string;
  area_name: string;
  width_m: number;
  description: string | null;
  created_at: string;
  updated_at: string;
  line: LineStringGeometry | null;
  corridor: ShapeRow['corridor'] | null;
  length_m: number;
  bbox: Bbox | null;
};

/** One belt in scope: its line and corridor as GeoJSON, its length and box. */
export async function selectBelt(db: Queryable, id: number, scope: Scope): Promise<BeltRow | undefined> {
  const { rows } = await db.query<BeltRow>(
    `select b.id, b.name, b.area_code, a.name as area_name, b.width_m, b.description,
            to_json(b.created_at) #>> '{}' as created_at, to_json(b.updated_at) #>> '{}' as updated_at,
            st_asgeojson(b.geom, 15)::json as line, st_asgeojson(b.corridor, 7)::json as corridor,
            coalesce(st_length(b.geom::geography), 0) as length_m,
            case when b.corridor is null then null
                 else array[st_xmin(b.corridor), st_ymin(b.corridor), st_xmax(b.corridor), st_ymax(b.corridor)] end as bbox
     from belt b join area a on a.code = b.area_code
     where b.id = $1 and scope_holds(b.area_code, $2::text[], $3::text[])`,
    [id, scope.lo, scope.hi],
  );
  return rows[0];
}

export type BeltSiteRow = SiteRow & { seq: number };

/** The belt's sites in order. */
export async function selectBeltSites(db: Queryable, beltId: number): Promise<BeltSiteRow[]> {
  const { rows } = await db.query<BeltSiteRow>(
    `select s.seq, p.id, p.kind, p.name, p.area_code, a.name as area_name, p.closed_on::text as closed_on, st_x(p.geom) as lng, st_y(p.geom) as lat
     from belt_site s join place p on p.id = s.place_id join area a on a.code = p.area_code
     where s.belt_id = $1 order by s.seq`,
    [beltId],
  );
  return rows;
}

export type BeltLegRow = { seq: number; from_site_id: number; to_site_id: number; routed: boolean; length_m: number; line: LineStringGeometry };

/** The belt's legs in order; a leg not stored (a belt loaded before routing) is the straight line between its two sites. */
export async function selectBeltLegs(db: Queryable, beltId: number): Promise<BeltLegRow[]> {
  const { rows } = await db.query<BeltLegRow>(
    `select s.seq, s.place_id as from_site_id, t.place_id as to_site_id, coalesce(l.routed, false) as routed,
            st_length(g.geom::geography) as length_m, st_asgeojson(g.geom, 15)::json as line
     from belt_site s
     join belt_site t on t.belt_id = s.belt_id and t.seq = s.seq + 1
     join place p on p.id = s.place_id
     join place q on q.id = t.place_id
     left join belt_leg l on l.belt_id = s.belt_id and l.seq = s.seq
     cross join lateral (select coalesce(l.geom, st_makeline(p.geom, q.geom)) as geom) g
     where s.belt_id = $1
     order by s.seq`,
    [beltId],
  );
  return rows;
}

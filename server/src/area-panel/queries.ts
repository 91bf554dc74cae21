import type { Scope } from '../auth/scope.ts';
import type { Queryable } from '../db/transaction.ts';

export type PanelHeadRow = {
  code: string;
  name: string;
  level: string;
  parent_code: string | null;
  parent_name: string | null;
  bbox: [number, number, number, number];
};

export type PanelFiguresRow = {
  orgs_by_kind: Record<string, number>;
  members: number;
  available: number;
  in_service: number;
  mobile: number;
  places_by_kind: Record<string, number>;
  grids: number;
  with_branch: number;
  with_leader: number;
  with_position: number;
  leader: string | null;
  workers: number;
  new_orgs: { kind: string; total: number; formed: number; covered: number }[];
  wishes_by_status: Record<string, number>;
  open_cases: number;
};

export type PanelOrgRow = { id: number; name: string; kind: string; sector: string; secretary_name: string | null };
export type PanelPlaceRow = { id: number; name: string; kind: string };

const bboxOf = (geom: string) => `array[st_xmin(${geom}), st_ymin(${geom}), st_xmax(${geom}), st_ymax(${geom})]::float8[]`;

/** An area in `scope` (the caller's), with its parent and box; undefined when it is not there. */
export async function selectAreaHead(db: Queryable, code: string, scope: Scope): Promise<PanelHeadRow | undefined> {
  const { rows } = await db.query<PanelHeadRow>(
    `select a.code, a.name, a.level::text as level, p.code as parent_code, p.name as parent_name, ${bboxOf('a.geom')} as bbox
     from area a left join area p on p.code = a.parent_code
     where a.code = $1 and scope_holds(a.code, $2::text[], $3::text[])`,
    [code, scope.lo, scope.hi],
  );
  return rows[0];
}

/** A current grid whose community is in `scope`, with its community and box. */
export async function selectGridHead(db: Queryable, code: string, scope: Scope): Promise<PanelHeadRow | undefined> {
  const { rows } = await db.query<PanelHeadRow>(
    `select g.code, v.name, 'grid' as level, c.code as parent_code, c.name as parent_name, ${bboxOf('v.geom')} as bbox
     from grid g join grid_version v on v.grid_code = g.code and v.valid_to is null join area c on c.code = g.community_code
     where g.code = $1 and g.retired_at is null and scope_holds(g.community_code, $2::text[], $3::text[])`,
    [code, scope.lo, scope.hi],
  );
  return rows[0];
}

/** The grids of the panel, current versions: every grid of an area's subtree, or the one grid. */
const panelGrids = (byGrid: boolean) =>
  byGrid
    ? `select v.grid_code as code, v.geom from grid_version v where v.grid_code = $1 and v.valid_to is null`
    : `select v.grid_code as code, v.geom from grid g join grid_version v on v.grid_code = g.code and v.valid_to is null
       where scope_holds(g.community_code, $1::text[], $2::text[]) and g.retired_at is null`;

const gridFigures = (byGrid: boolean) => `
  grids as (${panelGrids(byGrid)}),
  grid_figures as (
    select count(*)::int as grids,
      count(*) filter (where exists (select 1 from org o where o.grid_code = g.code and o.closed_on is null))::int as with_branch,
      count(*) filter (where exists (select 1 from grid_staff s where s.grid_code = g.code and s.role = 'grid_leader'))::int as with_leader,
      count(*) filter (where exists (
        select 1 from place p where p.geom && g.geom and st_intersects(p.geom, g.geom) and p.closed_on is null and p.kind <> 'center_household'
      ))::int as with_position,
      (select count(*)::int from grid_staff s join grids w on w.code = s.grid_code where s.role = 'grid_worker') as workers,
      ${byGrid ? `(select s.name from grid_staff s where s.grid_code = $1 and s.role = 'grid_leader')` : 'null::text'} as leader
    from grids g
  )`;

const figureColumns = `
  (select coalesce(jsonb_object_agg(kind, n), '{}') from (select kind::text, count(*)::int as n from panel_orgs group by kind) k) as orgs_by_kind,
  (select count(*)::int from panel_members) as members,
  (select count(*) filter (where available)::int from panel_members) as available,
  (select count(*) filter (where in_service)::int from panel_members) as in_service,
  (select count(*) filter (where mobile)::int from panel_members) as mobile,
  (select coalesce(jsonb_object_agg(kind, n), '{}') from (select kind::text, count(*)::int as n from panel_places group by kind) k) as places_by_kind,
  f.grids, f.with_branch, f.with_leader, f.with_position, f.leader, f.workers,
  (select coalesce(jsonb_agg(jsonb_build_object('kind', kind, 'total', total, 'formed', formed, 'covered', covered)), '[]')
   from (select n.kind::text as kind, count(*)::int as total,
                count(*) filter (where n.coverage_mode in ('own_branch', 'joint_branch'))::int as formed,
                count(*) filter (where n.coverage_mode is not null)::int as covered
         from panel_new_orgs n group by n.kind) r) as new_orgs,
  (select coalesce(jsonb_object_agg(status, n), '{}') from (select status::text, count(*)::int as n from panel_wishes group by status) w) as wishes_by_status,
  (select count(*)::int from panel_cases) as open_cases`;

/**
 * An area's figures: organizations of its subtree and their current members, its open positions,
 * grids, new-type organizations, wishes and open cases. `area` is the area's own subtree.
 */
export async function selectAreaFigures(db: Queryable, area: Scope): Promise<PanelFiguresRow> {
  const { rows } = await db.query<PanelFiguresRow>(
    `with
       panel_orgs as (select o.kind from org o where scope_holds(o.area_code, $1::text[], $2::text[]) and o.closed_on is null),
       panel_members as (
         select m.available, m.in_service, m.mobile from member m
         where scope_holds(m.org_area_code, $1::text[], $2::text[]) and ($3::text[] is null or m.county_code = any($3::text[])) and m.left_on is null
       ),
       panel_places as (select p.kind from place p where scope_holds(p.area_code, $1::text[], $2::text[]) and p.closed_on is null),
       panel_new_orgs as (select n.kind, n.coverage_mode from new_org n where scope_holds(n.area_code, $1::text[], $2::text[])),
       panel_wishes as (select w.status from wish w where scope_holds(w.area_code, $1::text[], $2::text[])),
       panel_cases as (
         select 1 from "case" c
         where scope_holds(c.community_code, $1::text[], $2::text[]) and ($3::text[] is null or c.county_code = any($3::text[]))
           and c.status <> 'closed'
       ),
       ${gridFigures(false)}
     select ${figureColumns} from grid_figures f`,
    [area.lo, area.hi, area.counties],
  );
  return rows[0]!;
}

/** A grid's figures: its branches, the members living in it, the positions, new-type organizations and wishes inside it, its open cases. */
export async function selectGridFigures(db: Queryable, gridCode: string): Promise<PanelFiguresRow> {
  const { rows } = await db.query<PanelFiguresRow>(
    `with
       outline as (select v.geom from grid_version v where v.grid_code = $1 and v.valid_to is null),
       panel_orgs as (select o.kind from org o where o.grid_code = $1 and o.closed_on is null),
       panel_members as (
         select m.available, m.in_service, m.mobile from member m, outline g
         where m.home && g.geom and st_intersects(m.home, g.geom) and m.left_on is null
       ),
       panel_places as (select p.kind from place p, outline g where p.geom && g.geom and st_intersects(p.geom, g.geom) and p.closed_on is null),
       panel_new_orgs as (select n.kind, n.coverage_mode from new_org n, outline g where n.geom && g.geom and st_intersects(n.geom, g.geom)),
       panel_wishes as (select w.status from wish w, outline g where w.geom && g.geom and st_intersects(w.geom, g.geom)),
       panel_cases as (select 1 from "case" c where c.grid_code = $1 and c.status <> 'closed'),
       ${gridFigures(true)}
     select ${figureColumns} from grid_figures f`,
    [gridCode],
  );
  return rows[0]!;
}

/** The first 20 open organizations of an area's subtree, committees first. */
export async function selectAreaOrgs(db: Queryable, area: Scope): Promise<PanelOrgRow[]> {
  const { rows } = await db.query<PanelOrgRow>(
    `select o.id::int, o.name, o.kind::text as kind, o.sector::text as sector, o.secretary_name from org o
     where scope_holds(o.area_code, $1::text[], $2::text[]) and o.closed_on is null
     order by o.kind, o.name, o.id limit 20`,
    [area.lo, area.hi],
  );
  return rows;
}

/** The open organizations that serve a grid (网格党支部). */
export async function selectGridOrgs(db: Queryable, gridCode: string): Promise<PanelOrgRow[]> {
  const { rows } = await db.query<PanelOrgRow>(
    `select o.id::int, o.name, o.kind::text as kind, o.sector::text as sector, o.secretary_name from org o
     where o.grid_code = $1 and o.closed_on is null order by o.kind, o.name, o.id limit 20`,
    [gridCode],
  );
  return rows;
}

/** The first 20 open positions of an area's subtree, centers first; never a center household. */
export async function selectAreaPlaces(db: Queryable, area: Scope): Promise<PanelPlaceRow[]> {
  const { rows } = await db.query<PanelPlaceRow>(
    `select p.id::int, p.name, p.kind::text as kind from place p
     where scope_holds(p.area_code, $1::text[], $2::text[]) and p.closed_on is null and p.kind <> 'center_household'
     order by p.kind, p.name, p.id limit 20`,
    [area.lo, area.hi],
  );
  return rows;
}

/** The open positions inside a grid; never a center household. */
export async function selectGridPlaces(db: Queryable, gridCode: string): Promise<PanelPlaceRow[]> {
  const { rows } = await db.query<PanelPlaceRow>(
    `select p.id::int, p.name, p.kind::text as kind from place p, grid_version v
     where v.grid_code = $1 and v.valid_to is null and p.geom && v.geom and st_intersects(p.geom, v.geom)
       and p.closed_on is null and p.kind <> 'center_household'
     order by p.kind, p.name, p.id limit 20`,
    [gridCode],
  );
  return rows;
}

-- Grid plans (网格方案): a planner redraws one community's grids in a draft, submits it, an admin
-- approves it with an effective date (or rejects it), and at that date the old grid versions close
-- and the new ones open in one transaction.
--
-- A draft is edited on a PostGIS Topology of its own (schema `plan_<id>`): the community's grids
-- as TopoGeometries over faces, with compound outlines added as edges so that faces follow the
-- units a planner paints. Every face belongs to exactly one grid, so the grids cover the community
-- without gap or overlap by construction: splitting adds a line and hands the faces on one side
-- to a new grid, merging and painting hand faces over, moving a vertex moves it in the one edge
-- (or node) both neighbours share. After each edit the grids' outlines are kept as a state of the
-- plan (`plan_grid_state`, seq 0 being the grids it was opened on), so undo and redo rebuild the
-- topology from a kept state and every edit stays in `plan_edit`.
create extension if not exists postgis_topology;

create type plan_status as enum ('draft', 'submitted', 'approved', 'rejected', 'published');

create table plan (
  id              bigint generated always as identity primary key,
  community_code  text not null references area (code),
  title           text not null check (length(title) between 1 and 100),
  status          plan_status not null default 'draft',
  -- bumped by every change, the plan's ETag: a write with an older one is refused
  revision        integer not null default 1,
  -- the state the plan stands at: 0 for the grids it was opened on, else an edit's seq
  state_seq       integer not null default 0,
  next_seq        integer not null default 1,
  next_new        integer not null default 1,
  -- the grid versions current when it was opened; publishing refuses if one has closed since
  base_version_ids bigint[] not null,
  created_by      bigint not null references app_user (id),
  created_at      timestamptz not null default now(),
  submitted_by    bigint references app_user (id),
  submitted_at    timestamptz,
  -- the planner's reason for submitting with warnings
  warnings_reason text check (length(warnings_reason) <= 2000),
  reviewed_by     bigint references app_user (id),
  reviewed_at     timestamptz,
  effective_on    date,
  reject_reason   text check (length(reject_reason) <= 2000),
  published_at    timestamptz,
  check (status <> 'approved' or effective_on is not null),
  check (status <> 'rejected' or reject_reason is not null)
);
create index plan_community_idx on plan (community_code, id);
create index plan_due_idx on plan (effective_on) where status = 'approved';

-- The grids of a plan after each of its edits (seq 0: as opened). A key is an existing grid's
-- code or `new-<n>` for a grid the plan creates; codes are given at publication.
create table plan_grid_state (
  plan_id bigint not null references plan (id) on delete cascade,
  seq     integer not null check (seq >= 0),
  key     text not null check (key ~ '^([0-9]{15}|new-[0-9]+)$'),
  name    text not null check (length(name) between 1 and 100),
  geom    geometry(MultiPolygon, 4326) not null,
  primary key (plan_id, seq, key)
);

-- Every edit of a plan, who made it and when. An undone edit can be redone until a new edit is
-- made after it, which discards it (it stays here, marked).
create table plan_edit (
  plan_id      bigint not null references plan (id) on delete cascade,
  seq          integer not null check (seq > 0),
  kind         text not null check (kind in ('split', 'merge', 'paint', 'move_vertex', 'redraw', 'rename')),
  params       jsonb not null,
  actor_id     bigint references app_user (id),
  made_at      timestamptz not null default now(),
  undone_at    timestamptz,
  discarded_at timestamptz,
  primary key (plan_id, seq)
);

alter table grid_version add constraint grid_version_plan_fkey foreign key (plan_id) references plan (id);

-- Households per grid: the band a grid should stay within, per area (the longest code prefix
-- wins), else 200–600.
create table grid_household_band (
  area_code text primary key references area (code),
  min_households integer not null check (min_households >= 0),
  max_households integer not null check (max_households >= min_households)
);

create function household_band(community text) returns table (min_households integer, max_households integer)
language sql stable as $$
  select coalesce(b.min_households, 200), coalesce(b.max_households, 600)
  from (select 1) one
  left join lateral (
    select b.min_households, b.max_households from grid_household_band b
    where community like rtrim(b.area_code, '0') || '%'
    order by length(rtrim(b.area_code, '0')) desc limit 1
  ) b on true
$$;

create function plan_topology(p bigint) returns text language sql immutable as $$ select 'plan_' || p $$;

-- Builds (or rebuilds) the plan's topology from its grids at state `seq`, with the community's
-- compound outlines as edges.
create function plan_topology_build(p bigint, seq integer) returns void language plpgsql as $$
declare
  t text := plan_topology(p);
  community text;
begin
  select community_code into strict community from plan where id = p;
  if exists (select from topology.topology where name = t) then
    perform topology.droptopology(t);
  end if;
  perform topology.createtopology(t, 4326, 1e-7);
  execute format('create table %I.grid (key text primary key)', t);
  perform topology.addtopogeometrycolumn(t, t, 'grid', 'topo', 'POLYGON');
  execute format(
    'insert into %I.grid (key, topo) select key, topology.totopogeom(geom, %L, 1, 1e-7) from plan_grid_state where plan_id = $1 and seq = $2 order by key',
    t, t) using p, seq;
  -- compound outlines, so that faces follow the units a planner paints. Roads are left out: in
  -- a county's data they run along grid boundaries a few millimetres to a metre off, and noding
  -- them in moved the outer boundary by square metres of slivers (measured on the demo county)
  perform topology.topogeo_addlinestring(t, d.geom, 1e-7)
  from compound c, st_dump(st_boundary(c.geom)) d
  where c.community_code = community and geometrytype(d.geom) = 'LINESTRING';
end $$;

-- The faces of a plan's grids with their outlines: of one grid (`only_key`), or those whose
-- bounding box meets `near`, or all.
create function plan_faces(p bigint, only_key text default null, near geometry default null)
returns table (key text, face_id integer, geom geometry)
language plpgsql stable as $$
declare
  t text := plan_topology(p);
begin
  return query execute format(
    'select g.key, r.element_id::integer, topology.st_getfacegeometry(%L, r.element_id::integer)
     from %I.grid g join %I.relation r on r.topogeo_id = id(g.topo) and r.layer_id = layer_id(g.topo) and r.element_type = 3
     join %I.face fa on fa.face_id = r.element_id
     where ($1::text is null or g.key = $1) and ($2::geometry is null or fa.mbr && $2)',
    t, t, t, t) using only_key, near;
end $$;

-- Records the topology's grids as state `seq` of the plan, names carried from state `prior`.
create function plan_record_state(p bigint, seq integer, prior integer, names jsonb default '{}') returns void language plpgsql as $$
declare
  t text := plan_topology(p);
begin
  execute format(
    'insert into plan_grid_state (plan_id, seq, key, name, geom)
     select $1, $2, g.key, coalesce($4 ->> g.key, s.name, g.key), st_multi(st_collectionextract(st_makevalid(g.topo::geometry), 3))
     from %I.grid g left join plan_grid_state s on s.plan_id = $1 and s.seq = $3 and s.key = g.key
     where not st_isempty(g.topo::geometry)',
    t) using p, seq, prior, names;
end $$;

-- Hands faces to a grid of the plan (creating it when it is new).
create function plan_give_faces(p bigint, target text, faces integer[]) returns void language plpgsql as $$
declare
  t text := plan_topology(p);
begin
  execute format('insert into %I.grid (key, topo) values ($1, topology.createtopogeom(%L, 3, 1)) on conflict (key) do nothing', t, t) using target;
  execute format(
    'update %I.relation r set topogeo_id = id(g.topo) from %I.grid g
     where g.key = $1 and r.layer_id = 1 and r.element_type = 3 and r.element_id = any($2)',
    t, t) using target, faces;
  -- grids left without a face are gone from the plan
  execute format('delete from %I.grid g where not exists (select from %I.relation r where r.topogeo_id = id(g.topo) and r.layer_id = 1)', t, t);
end $$;

-- Splits a grid along a line that crosses it once: the smaller side becomes a new grid `new_key`.
create function plan_split(p bigint, k text, line geometry, new_key text) returns void language plpgsql as $$
declare
  t text := plan_topology(p);
  outline geometry;
  pieces geometry[];
  smaller geometry;
begin
  select st_union(f.geom) into outline from plan_faces(p, k) f;
  if outline is null then
    raise exception 'no grid % in this plan', k using errcode = 'RG404';
  end if;
  if not st_issimple(line) then
    raise exception 'the line crosses itself: draw it from one side of the grid to another without loops' using errcode = 'RG422';
  end if;
  select array_agg(d.geom order by st_area(d.geom::geography)) into pieces
  from st_dump(st_split(outline, line)) d where st_area(d.geom::geography) > 1;
  if coalesce(array_length(pieces, 1), 0) <> 2 then
    raise exception 'the line must cross grid % once, from one side of it to another (it makes % parts)', k, coalesce(array_length(pieces, 1), 0)
      using errcode = 'RG422';
  end if;
  smaller := pieces[1];
  perform topology.topogeo_addlinestring(t, d.geom, 1e-7)
  from st_dump(st_intersection(line, st_buffer(outline, 1e-7))) d where geometrytype(d.geom) = 'LINESTRING';
  perform plan_give_faces(p, new_key, array(
    select f.face_id from plan_faces(p, k) f where st_within(st_pointonsurface(f.geom), st_buffer(smaller, 1e-7))));
end $$;

-- Merges grid `absorbed` into grid `kept`; they must share a boundary.
create function plan_merge(p bigint, kept text, absorbed text) returns void language plpgsql as $$
declare
  a geometry;
  b geometry;
begin
  select st_union(f.geom) into a from plan_faces(p, kept) f;
  select st_union(f.geom) into b from plan_faces(p, absorbed) f;
  if a is null or b is null then
    raise exception 'no grid % in this plan', case when a is null then kept else absorbed end using errcode = 'RG404';
  end if;
  if kept = absorbed or st_length(st_intersection(st_boundary(a), st_boundary(b))::geography) < 1 then
    raise exception 'grids % and % do not share a boundary', kept, absorbed using errcode = 'RG422';
  end if;
  perform plan_give_faces(p, kept, array(select f.face_id from plan_faces(p, absorbed) f));
end $$;

-- Paints the faces under `unit` (a compound's or building's outline) into grid `target`. A unit
-- set back from the target's boundary (compounds usually are, behind a road or a wall) takes the
-- ground between them with it: two lines from the unit to the ends of the stretch of the target's
-- boundary facing it become edges, and the faces of the unit's grid within the hull of the unit
-- and that stretch go along, so the target stays one piece. A unit more than 50 m away is refused.
create function plan_paint(p bigint, target text, unit geometry) returns integer language plpgsql as $$
declare
  t text := plan_topology(p);
  target_outline geometry;
  painted geometry;
  gap double precision;
  reach geometry;
  sources text[];
  faces integer[];
begin
  select st_union(f.geom) into target_outline from plan_faces(p, target) f;
  if target_outline is null then
    raise exception 'no grid % in this plan', target using errcode = 'RG404';
  end if;
  select st_union(f.geom), array_agg(distinct f.key) into painted, sources from plan_faces(p, null, unit) f
  where f.key <> target
    and (st_within(st_pointonsurface(f.geom), unit) or (st_dimension(unit) = 2 and st_contains(f.geom, st_pointonsurface(unit))));
  if painted is null then
    raise exception 'nothing to paint: the unit lies in grid % already, or outside the community', target using errcode = 'RG422';
  end if;
  if not st_intersects(painted, target_outline) then
    gap := st_distance(painted::geography, target_outline::geography);
    if gap > 50 then
      raise exception 'the unit is % m from grid %: paint what borders it', round(gap::numeric), target using errcode = 'RG422';
    end if;
    -- the stretch of the target's boundary facing the unit, and two sides from the unit to its
    -- ends, drawn a hair (1e-6°) across the boundary so that the topology splits the edge there
    select d.geom into reach
    from st_dump(st_linemerge(st_intersection(st_boundary(target_outline), st_buffer(painted, st_distance(painted, target_outline) * 1.5 + 1e-6)))) d
    where geometrytype(d.geom) = 'LINESTRING' order by st_length(d.geom) desc limit 1;
    if reach is null then
      raise exception 'the unit does not face grid %', target using errcode = 'RG422';
    end if;
    perform topology.topogeo_addlinestring(t, st_makeline(a, st_translate(e, (st_x(e) - st_x(a)) / len * 1e-6, (st_y(e) - st_y(a)) / len * 1e-6)), 1e-7)
    from (values (st_startpoint(reach)), (st_endpoint(reach))) ends (e),
         st_closestpoint(painted, e) a, st_distance(a, e) len
    where len > 0;
    painted := st_convexhull(st_collect(painted, reach));
  end if;
  select array_agg(f.face_id) into faces from plan_faces(p, null, painted) f
  where f.key = any(sources) and st_within(st_pointonsurface(f.geom), st_buffer(painted, 1e-7));
  perform plan_give_faces(p, target, faces);
  return array_length(faces, 1);
end $$;

-- Redraws part of the boundary between grids `a` and `b`: `line` runs from a point on their
-- shared boundary to another, and replaces the stretch of it between them; the ground between the
-- old stretch and the line changes hands. Refused unless the new boundary divides the two grids'
-- ground in exactly two.
create function plan_redraw(p bigint, a text, b text, line geometry) returns void language plpgsql as $$
declare
  t text := plan_topology(p);
  ga geometry;
  gb geometry;
  shared geometry;
  f1 double precision;
  f2 double precision;
  blade geometry;
  pieces geometry[];
  side_a geometry;
begin
  -- the grids' outlines from their edges (a union of face outlines may keep slivers between them)
  execute format('select topo::geometry from %I.grid where key = $1', t) into ga using a;
  execute format('select topo::geometry from %I.grid where key = $1', t) into gb using b;
  if ga is null or gb is null then
    raise exception 'no grid % in this plan', case when ga is null then a else b end using errcode = 'RG404';
  end if;
  if a = b then
    raise exception 'a boundary is between two grids: give two different ones' using errcode = 'RG422';
  end if;
  if not st_issimple(line) then
    raise exception 'the line crosses itself' using errcode = 'RG422';
  end if;
  select d.geom into shared
  from st_dump(st_linemerge(st_intersection(st_boundary(ga), st_boundary(gb)))) d
  where geometrytype(d.geom) = 'LINESTRING'
  order by st_distance(d.geom, st_startpoint(line)) + st_distance(d.geom, st_endpoint(line)) limit 1;
  if shared is null
     or st_distance(shared::geography, st_startpoint(line)::geography) > 1
     or st_distance(shared::geography, st_endpoint(line)::geography) > 1 then
    raise exception 'the line must start and end on the boundary grids % and % share', a, b using errcode = 'RG422';
  end if;
  -- the line runs the way the shared boundary does, from f1 to f2
  if st_linelocatepoint(shared, st_startpoint(line)) > st_linelocatepoint(shared, st_endpoint(line)) then
    line := st_reverse(line);
  end if;
  f1 := st_linelocatepoint(shared, st_startpoint(line));
  f2 := st_linelocatepoint(shared, st_endpoint(line));
  if f2 - f1 < 1e-9 then
    raise exception 'the line must start and end at two different points of the shared boundary' using errcode = 'RG422';
  end if;
  -- the line, drawn a hair beyond its ends onto the shared boundary, with the rest of that boundary
  blade := st_union(array[
    st_makeline(array[st_lineinterpolatepoint(shared, f1)] || array(select (st_dumppoints(line)).geom) || array[st_lineinterpolatepoint(shared, f2)]),
    case when f1 > 0 then st_linesubstring(shared, 0, f1) end,
    case when f2 < 1 then st_linesubstring(shared, f2, 1) end]);
  select array_agg(d.geom order by st_area(st_intersection(d.geom, ga)) desc) into pieces
  from st_dump(st_split(st_union(ga, gb), blade)) d where st_area(d.geom::geography) > 1;
  if coalesce(array_length(pieces, 1), 0) <> 2 then
    raise exception 'the new boundary must divide grids % and % in two (it makes % parts)', a, b, coalesce(array_length(pieces, 1), 0)
      using errcode = 'RG422';
  end if;
  side_a := pieces[1];
  perform topology.topogeo_addlinestring(t, d.geom, 1e-7)
  from st_dump(st_intersection(st_makeline(array[st_lineinterpolatepoint(shared, f1)] || array(select (st_dumppoints(line)).geom)
                                                || array[st_lineinterpolatepoint(shared, f2)]), st_buffer(st_union(ga, gb), 1e-7))) d
  where geometrytype(d.geom) = 'LINESTRING';
  perform plan_give_faces(p, a, array(
    select f.face_id from plan_faces(p, b) f where st_within(st_pointonsurface(f.geom), st_buffer(side_a, 1e-7))));
  perform plan_give_faces(p, b, array(
    select f.face_id from plan_faces(p, a) f where not st_within(st_pointonsurface(f.geom), st_buffer(side_a, 1e-7))));
end $$;

-- Clears the way for a boundary to move across `swept`: edges there that lie inside one grid
-- (a compound's outline, with the same grid on both sides or dangling) give way, so that a planner
-- can move a boundary across a compound; the compound is then split between grids, which the
-- validation warns of. Edges between two grids stay, and a move across one is refused.
create function plan_clear_way(p bigint, swept geometry, keep integer[]) returns void language plpgsql as $$
declare
  t text := plan_topology(p);
  victim integer;
begin
  loop
    execute format(
      'select e.edge_id from %I.edge_data e
       where e.edge_id <> all($2) and e.geom && $1 and st_intersects(e.geom, $1)
         and e.left_face <> 0 and e.right_face <> 0
         and (e.left_face = e.right_face
              or (select r.topogeo_id from %I.relation r where r.element_id = e.left_face and r.element_type = 3)
               = (select r.topogeo_id from %I.relation r where r.element_id = e.right_face and r.element_type = 3))
       order by e.edge_id limit 1',
      t, t, t) into victim using swept, keep;
    exit when victim is null;
    perform topology.st_remedgemodface(t, victim);
  end loop;
  loop
    execute format(
      'select n.node_id from %I.node n where n.geom && $1 and st_intersects(n.geom, $1)
       and not exists (select from %I.edge_data e where e.start_node = n.node_id or e.end_node = n.node_id) limit 1',
      t, t) into victim using swept;
    exit when victim is null;
    perform topology.st_remisonode(t, victim);
  end loop;
end $$;

-- Moves the vertex nearest `from_point` (within `reach` metres) to `to_point`: a vertex inside an
-- edge through ST_ChangeEdgeGeom, which refuses a move that would cross another edge; a node
-- (where edges meet) by moving it with the ends of all its edges, checked the same way.
create function plan_move_vertex(p bigint, from_point geometry, to_point geometry, reach double precision default 5)
returns void language plpgsql as $$
declare
  t text := plan_topology(p);
  e record;
  n record;
  moved geometry;
  crossing integer;
  outline geometry;
begin
  select a.geom into strict outline from plan pl join area a on a.code = pl.community_code where pl.id = p;
  if not st_covers(outline, to_point) then
    raise exception 'the vertex cannot leave the community' using errcode = 'RG422';
  end if;
  if st_dwithin(st_boundary(outline)::geography, from_point::geography, 0.5) then
    raise exception 'the community''s own boundary cannot move: only the boundaries between its grids' using errcode = 'RG422';
  end if;
  execute format(
    'select node_id, geom from %I.node where st_dwithin(geom::geography, $1::geography, $2) order by st_distance(geom, $1) limit 1', t)
    into n using from_point, reach;
  if n.node_id is null then
    execute format(
      'select e.edge_id, e.geom, v.path[1] as idx
       from %I.edge_data e, st_dumppoints(e.geom) v
       where st_dwithin(e.geom::geography, $1::geography, $2) and st_dwithin(v.geom::geography, $1::geography, $2)
       order by st_distance(v.geom, $1) limit 1', t)
      into e using from_point, reach;
    if e.edge_id is null then
      raise exception 'no vertex within % m of the point', reach using errcode = 'RG422';
    end if;
    begin
      perform plan_clear_way(p, st_convexhull(st_collect(array[
        st_pointn(e.geom, greatest(e.idx - 1, 1)), st_pointn(e.geom, e.idx), st_pointn(e.geom, least(e.idx + 1, st_npoints(e.geom))), to_point])),
        array[e.edge_id]);
      perform topology.st_changeedgegeom(t, e.edge_id, st_setpoint(e.geom, e.idx - 1, to_point));
    exception when others then
      raise exception 'the vertex cannot move there: %', sqlerrm using errcode = 'RG422';
    end;
    return;
  end if;
  -- a node: its edges' ends follow it, across what lies inside one grid between their next
  -- vertices and the node's old and new places
  begin
    execute format(
      'select plan_clear_way($1, st_convexhull(st_collect(array_agg(case when e.start_node = $2 then st_pointn(e.geom, 2)
                                                                       else st_pointn(e.geom, st_npoints(e.geom) - 1) end) || array[$3, $4])),
                             array_agg(e.edge_id))
       from %I.edge_data e where e.start_node = $2 or e.end_node = $2', t)
      using p, n.node_id, n.geom, to_point;
  exception when others then
    raise exception 'the vertex cannot move there: %', sqlerrm using errcode = 'RG422';
  end;
  execute format('update %I.node set geom = $2 where node_id = $1', t) using n.node_id, to_point;
  execute format(
    'update %I.edge_data set geom = case
        when start_node = $1 and end_node = $1 then st_setpoint(st_setpoint(geom, 0, $2), st_npoints(geom) - 1, $2)
        when start_node = $1 then st_setpoint(geom, 0, $2)
        else st_setpoint(geom, st_npoints(geom) - 1, $2) end
     where start_node = $1 or end_node = $1', t) using n.node_id, to_point;
  execute format(
    'select count(*) from %I.edge_data a join %I.edge_data b on a.edge_id < b.edge_id and st_intersects(a.geom, b.geom)
     where (a.start_node = $1 or a.end_node = $1 or b.start_node = $1 or b.end_node = $1)
       and (not st_issimple(a.geom) or not st_issimple(b.geom)
            or not st_isempty(st_difference(st_intersection(a.geom, b.geom),
                 st_collect(array[st_startpoint(a.geom), st_endpoint(a.geom), st_startpoint(b.geom), st_endpoint(b.geom)]))))',
    t, t) into crossing using n.node_id;
  if crossing > 0 then
    raise exception 'the vertex cannot move there: an edge would cross another' using errcode = 'RG422';
  end if;
  execute format(
    'update %I.face f set mbr = st_envelope(topology.st_getfacegeometry(%L, f.face_id))
     where f.face_id in (select left_face from %I.edge_data where start_node = $1 or end_node = $1
                         union select right_face from %I.edge_data where start_node = $1 or end_node = $1) and f.face_id <> 0',
    t, t, t, t) using n.node_id;
end $$;

-- What is wrong with a plan's grids, as they stand: errors block submitting, warnings need a
-- written reason. Areas in square metres on the spheroid.
create function plan_validation(p bigint)
returns table (severity text, code text, grid_key text, message text, geom geometry)
language plpgsql stable as $$
#variable_conflict use_column
declare
  community text;
  at_seq integer;
  band_min integer;
  band_max integer;
begin
  select pl.community_code, pl.state_seq into strict community, at_seq from plan pl where pl.id = p;
  select b.min_households, b.max_households into band_min, band_max from household_band(community) b;
  return query
  with g as (select s.key, s.name, s.geom from plan_grid_state s where s.plan_id = p and s.seq = at_seq),
  c as (select a.geom from area a where a.code = community),
  hh as (
    select g.key, coalesce(sum(b.households), 0)::integer as households
    from g left join building b on b.community_code = community and st_within(st_pointonsurface(b.geom), g.geom)
    group by g.key
  )
  select 'error', 'invalid_geometry', g.key, format('%s: %s', g.name, st_isvalidreason(g.geom)), g.geom from g where not st_isvalid(g.geom)
  union all
  select 'error', 'outside_community', g.key, format('%s reaches %s m² outside the community', g.name, round(st_area(d::geography))::text), d
  from g, c, st_difference(g.geom, c.geom) d where st_area(d::geography) > 1
  union all
  select 'error', 'gap', null, format('%s m² of the community belong to no grid', round(st_area(d::geography))::text), d
  from c, st_difference(c.geom, (select st_union(g.geom) from g)) d where st_area(d::geography) > 1
  union all
  select 'error', 'overlap', a.key, format('%s and %s overlap by %s m²', a.name, b.name, round(st_area(i::geography))::text), i
  from g a join g b on a.key < b.key and st_intersects(a.geom, b.geom), st_intersection(a.geom, b.geom) i
  where st_area(i::geography) > 1
  union all
  select 'error', 'disconnected', g.key, format('%s is in %s separate parts', g.name, st_numgeometries(g.geom)), g.geom
  from g where st_numgeometries(g.geom) > 1
  union all
  select 'warning', 'households_band', g.key,
         format('%s has %s households, outside the band %s–%s', g.name, hh.households, band_min, band_max), g.geom
  from g join hh using (key) where hh.households < band_min or hh.households > band_max
  union all
  select 'warning', 'compound_split', null, format('compound %s is split between grids', k.name), k.geom
  from compound k where k.community_code = community
    and (select count(*) from g where st_intersects(g.geom, k.geom) and st_area(st_intersection(g.geom, k.geom)::geography) > 1) > 1
  union all
  select 'warning', 'no_leader', g.key, format('%s has no grid leader', g.name), g.geom
  from g where not exists (select from grid_staff s where s.grid_code = g.key and s.role = 'grid_leader');
end $$;

-- Members per current grid of the community when a plan was opened (each member in the first
-- grid by code that holds her home), the base its impact counts members against.
create table plan_base_member (
  plan_id   bigint not null references plan (id) on delete cascade,
  grid_code text not null,
  members   bigint not null,
  primary key (plan_id, grid_code)
);

create function plan_count_base(p bigint) returns void language sql as $$
  insert into plan_base_member (plan_id, grid_code, members)
  select p, x.key, count(*)
  from (
    select distinct on (m.id) m.id, v.grid_code as key
    from plan pl join grid g on g.community_code = pl.community_code
    join grid_version v on v.grid_code = g.code and v.id = any(pl.base_version_ids)
    join member m on st_intersects(v.geom, m.home)
    where pl.id = p
    order by m.id, v.grid_code
  ) x
  group by x.key
$$;

-- What a plan moves, against the community's current grids: for buildings, households, members
-- (by home), grid branches, grid staff, open cases and center households (中心户), how many go
-- from each current grid to each of the plan's (from = to for those that stay). A thing belongs
-- to the grid holding its point (a building's point on surface); a branch without a location and
-- the staff of a grid follow their grid, or, where the plan drops it, the grid of the plan that
-- takes most of its ground.
create function plan_impact(p bigint) returns table (what text, from_key text, to_key text, n bigint)
language plpgsql stable as $$
#variable_conflict use_column
declare
  community text;
  at_seq integer;
  outline geometry;
begin
  select pl.community_code, pl.state_seq into strict community, at_seq from plan pl where pl.id = p;
  select a.geom into strict outline from area a where a.code = community;
  return query
  with before as materialized (
    select v.grid_code as key, v.geom from grid_version v join grid g on g.code = v.grid_code
    where g.community_code = community and v.valid_to is null
  ),
  after as materialized (select s.key, s.geom from plan_grid_state s where s.plan_id = p and s.seq = at_seq),
  successor as materialized (
    select distinct on (b.key) b.key as old_key, a.key as new_key
    from before b join after a on st_intersects(a.geom, b.geom)
    order by b.key, (a.key = b.key) desc, st_area(st_intersection(a.geom, b.geom)) desc
  ),
  located (what, pt, weight) as (
    select 'buildings', st_pointonsurface(b.geom), 1 from building b where b.community_code = community
    union all
    select 'households', st_pointonsurface(b.geom), b.households from building b where b.community_code = community and b.households > 0
    union all
    select 'open_cases', c.geom, 1 from "case" c where c.community_code = community and c.status <> 'closed'
    union all
    select 'center_households', pl.geom, 1 from place pl where pl.kind = 'center_household' and st_intersects(pl.geom, outline)
  )
  select l.what, bf.key, af.key, sum(l.weight)::bigint
  from located l
  left join lateral (select b.key from before b where st_intersects(b.geom, l.pt) order by b.key limit 1) bf on true
  left join lateral (select a.key from after a where st_intersects(a.geom, l.pt) order by a.key limit 1) af on true
  group by 1, 2, 3
  union all
  -- members are many (tens of thousands in a large community), and only those where a current
  -- grid and a different grid of the plan overlap move: each such overlap counts its own through
  -- the index on homes; the others stay, counted once when the plan was opened (plan_base_member)
  select 'members', mv.from_key, mv.to_key, mv.n
  from (
    with regions as materialized (
      select b.key as from_key, a.key as to_key, d.geom
      from before b join after a on a.key <> b.key and st_intersects(a.geom, b.geom),
           st_dump(st_intersection(b.geom, a.geom)) d
      where st_dimension(d.geom) = 2 and st_area(d.geom) > 0
    ),
    moves as (
      select r.from_key, r.to_key, count(*) as n from regions r join member m on st_intersects(r.geom, m.home) group by 1, 2
    )
    select from_key, to_key, n from moves
    union all
    select c.grid_code, c.grid_code, c.members - coalesce((select sum(v.n) from moves v where v.from_key = c.grid_code), 0)::bigint
    from plan_base_member c where c.plan_id = p and c.grid_code in (select key from after)
  ) mv
  where mv.n > 0
  union all
  select 'grid_branches', o.grid_code,
         coalesce((select a.key from after a where o.geom is not null and st_intersects(a.geom, o.geom) order by a.key limit 1),
                  (select s.new_key from successor s where s.old_key = o.grid_code)),
         count(*)
  from org o where o.kind = 'branch' and o.grid_code in (select key from before)
  group by 2, 3
  union all
  select 'grid_staff', st.grid_code, (select s.new_key from successor s where s.old_key = st.grid_code), count(*)
  from grid_staff st where st.grid_code in (select key from before)
  group by 2, 3;
end $$;

-- Publishes an approved plan at `at`: the community's current versions that the plan changes or
-- drops close, the changed and new grids open, new grids take the community's next unused
-- sequence numbers, and the branches and staff of dropped grids go to their successors. Refuses
-- (RG409) when the community's grids changed after the plan was opened.
create function plan_publish(p bigint, at timestamptz) returns void language plpgsql as $$
declare
  pl plan;
  next_number integer;
  r record;
  allotted text;
  codes jsonb := '{}';
begin
  select * into strict pl from plan where id = p for update;
  if pl.status <> 'approved' then
    raise exception 'plan % is %, not approved', p, pl.status using errcode = 'RG409';
  end if;
  if exists (select from grid_version v where v.id = any(pl.base_version_ids) and v.valid_to is not null)
     or exists (select from grid_version v join grid g on g.code = v.grid_code
                where g.community_code = pl.community_code and v.valid_to is null and v.id <> all(pl.base_version_ids)) then
    raise exception 'the grids of community % changed after plan % was opened; open a new plan', pl.community_code, p using errcode = 'RG409';
  end if;
  select coalesce(max(right(g.code, 3)::integer), 0) + 1 into next_number from grid g where g.community_code = pl.community_code;
  for r in select s.key from plan_grid_state s where s.plan_id = p and s.seq = pl.state_seq and s.key like 'new-%' order by s.key loop
    if next_number > 999 then
      raise exception 'community % has no unused grid number left', pl.community_code using errcode = 'RG409';
    end if;
    allotted := pl.community_code || lpad(next_number::text, 3, '0');
    codes := codes || jsonb_build_object(r.key, allotted);
    insert into grid (code, community_code, kind, created_at) values (allotted, pl.community_code, 'basic', at);
    next_number := next_number + 1;
  end loop;

  drop table if exists pg_temp.published, pg_temp.successor;
  create temp table published on commit drop as
  select coalesce(codes ->> s.key, s.key) as code, s.name, s.geom,
         (select coalesce(sum(b.households), 0)::integer from building b
          where b.community_code = pl.community_code and st_within(st_pointonsurface(b.geom), s.geom)) as households
  from plan_grid_state s where s.plan_id = p and s.seq = pl.state_seq;

  -- successors of dropped grids, before their versions close
  create temp table successor on commit drop as
  select distinct on (v.grid_code) v.grid_code as old_code, n.code as new_code
  from grid_version v join published n on st_intersects(n.geom, v.geom)
  where v.id = any(pl.base_version_ids) and v.grid_code not in (select n.code from published n)
  order by v.grid_code, st_area(st_intersection(n.geom, v.geom)) desc;

  update grid_version v set valid_to = at
  where v.id = any(pl.base_version_ids)
    -- a grid the plan left as it was (within 1 m², what the topology's snapping may move) keeps its version
    and not exists (select from published n where n.code = v.grid_code and n.name = v.name
                    and st_area(st_symdifference(n.geom, v.geom)::geography) < 1);
  update grid g set retired_at = at
  where g.community_code = pl.community_code and g.retired_at is null and g.code not in (select n.code from published n);
  insert into grid_version (grid_code, name, households, geom, valid_from, plan_id)
  select n.code, n.name, n.households, n.geom, at, p from published n
  where not exists (select from grid_version v where v.grid_code = n.code and v.valid_to is null);

  update org o set grid_code = s.new_code from successor s where o.grid_code = s.old_code;
  -- a successor keeps its own leader; a dropped grid's leader joins it as a worker
  update grid_staff st set role = 'grid_worker'
  from successor s where st.grid_code = s.old_code and st.role = 'grid_leader'
    and exists (select from grid_staff l where l.grid_code = s.new_code and l.role = 'grid_leader');
  update grid_staff st set grid_code = s.new_code from successor s where st.grid_code = s.old_code;

  update plan set status = 'published', published_at = at, revision = revision + 1 where id = p;
  perform topology.droptopology(plan_topology(p)) where exists (select from topology.topology where name = plan_topology(p));
end $$;

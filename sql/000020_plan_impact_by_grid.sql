-- A plan's impact located each building, case and center household in the grids before and
-- after one point at a time, testing the point against every grid's outline afresh (60 ms for the
-- 142 points of the county's largest community). Joined grid by grid instead, PostGIS prepares
-- each outline once for all the points: 17 ms. The same answer; only the join changes.
create or replace function plan_impact(p bigint) returns table (what text, from_key text, to_key text, n bigint)
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
  located (id, what, pt, weight) as materialized (
    select row_number() over (), x.* from (
      select 'buildings', st_pointonsurface(b.geom), 1 from building b where b.community_code = community
      union all
      select 'households', st_pointonsurface(b.geom), b.households from building b where b.community_code = community and b.households > 0
      union all
      select 'open_cases', c.geom, 1 from "case" c where c.community_code = community and c.status <> 'closed'
      union all
      select 'center_households', pl.geom, 1 from place pl where pl.kind = 'center_household' and st_intersects(pl.geom, outline)
    ) x
  ),
  -- grid by grid, so that each outline is prepared once for all the points (the first grid by code
  -- holding a point, should one lie on a shared edge)
  bf as (select distinct on (l.id) l.id, b.key from before b join located l on st_intersects(b.geom, l.pt) order by l.id, b.key),
  af as (select distinct on (l.id) l.id, a.key from after a join located l on st_intersects(a.geom, l.pt) order by l.id, a.key)
  select l.what, bf.key, af.key, sum(l.weight)::bigint
  from located l left join bf using (id) left join af using (id)
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

-- The governance grid layer (综治网格) of a community, as the political-legal department draws it
-- and a planner loads it from a file: Party grids are to coincide with governance grids
-- (党建网格与综治网格统一、重合), so a plan's validation matches each of its grids against this
-- layer. A load replaces the community's whole layer.
create table governance_layer (
  community_code text primary key references area (code),
  -- what the file was: format, crs, whether it was converted from GCJ-02
  source         jsonb not null,
  loaded_by      bigint references app_user (id),
  loaded_at      timestamptz not null default now()
);

create table governance_grid (
  community_code text not null references governance_layer (community_code) on delete cascade,
  -- the feature's place in the file, 1-based
  feature        integer not null check (feature > 0),
  code           text check (length(code) between 1 and 40),
  name           text check (length(name) between 1 and 100),
  geom           geometry(MultiPolygon, 4326) not null,
  primary key (community_code, feature)
);
create index governance_grid_geom_idx on governance_grid using gist (geom);

-- The validation now also says, for each problem, the values its message is made of (`params`,
-- for a client to word it in its own language), and matches the grids against the governance
-- layer where one is loaded: a grid matches a governance grid when their common area is at least
-- 95 % of each (the check's ratios are of planar areas, which at a community's size differ from
-- the spheroid's by far less than the 5 % allowed); a grid without a match gets a warning with
-- the mismatch drawn (the symmetric difference with its best governance grid, or the grid itself).
drop function plan_validation(bigint);
create function plan_validation(p bigint)
returns table (severity text, code text, grid_key text, message text, params jsonb, geom geometry)
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
  ),
  matched as (
    select g.key, g.name, g.geom, best.label, best.overlap, best.mismatch
    from g left join lateral (
      select coalesce(h.name, h.code, '#' || h.feature::text) as label,
             least(st_area(i) / nullif(st_area(g.geom), 0), st_area(i) / nullif(st_area(h.geom), 0)) as overlap,
             st_symdifference(g.geom, h.geom) as mismatch
      from governance_grid h, st_intersection(g.geom, h.geom) i
      where h.community_code = community and st_intersects(h.geom, g.geom)
      order by st_area(i) desc
      limit 1
    ) best on true
    where exists (select from governance_grid h where h.community_code = community)
  )
  select 'error', 'invalid_geometry', g.key, format('%s: %s', g.name, st_isvalidreason(g.geom)),
         jsonb_build_object('grid', g.name, 'reason', st_isvalidreason(g.geom)), g.geom
  from g where not st_isvalid(g.geom)
  union all
  select 'error', 'outside_community', g.key, format('%s reaches %s m² outside the community', g.name, round(st_area(d::geography))::text),
         jsonb_build_object('grid', g.name, 'area', round(st_area(d::geography))), d
  from g, c, st_difference(g.geom, c.geom) d where st_area(d::geography) > 1
  union all
  select 'error', 'gap', null, format('%s m² of the community belong to no grid', round(st_area(d::geography))::text),
         jsonb_build_object('area', round(st_area(d::geography))), d
  from c, st_difference(c.geom, (select st_union(g.geom) from g)) d where st_area(d::geography) > 1
  union all
  select 'error', 'overlap', a.key, format('%s and %s overlap by %s m²', a.name, b.name, round(st_area(i::geography))::text),
         jsonb_build_object('grid', a.name, 'other', b.name, 'area', round(st_area(i::geography))), i
  from g a join g b on a.key < b.key and st_intersects(a.geom, b.geom), st_intersection(a.geom, b.geom) i
  where st_area(i::geography) > 1
  union all
  select 'error', 'disconnected', g.key, format('%s is in %s separate parts', g.name, st_numgeometries(g.geom)),
         jsonb_build_object('grid', g.name, 'parts', st_numgeometries(g.geom)), g.geom
  from g where st_numgeometries(g.geom) > 1
  union all
  select 'warning', 'households_band', g.key,
         format('%s has %s households, outside the band %s–%s', g.name, hh.households, band_min, band_max),
         jsonb_build_object('grid', g.name, 'households', hh.households, 'min', band_min, 'max', band_max), g.geom
  from g join hh using (key) where hh.households < band_min or hh.households > band_max
  union all
  select 'warning', 'compound_split', null, format('compound %s is split between grids', k.name),
         jsonb_build_object('compound', k.name), k.geom
  from compound k where k.community_code = community
    and (select count(*) from g where st_intersects(g.geom, k.geom) and st_area(st_intersection(g.geom, k.geom)::geography) > 1) > 1
  union all
  select 'warning', 'no_leader', g.key, format('%s has no grid leader', g.name), jsonb_build_object('grid', g.name), g.geom
  from g where not exists (select from grid_staff s where s.grid_code = g.key and s.role = 'grid_leader')
  union all
  select 'warning', 'governance_mismatch', m.key,
         case when m.label is null then format('%s overlaps no governance grid', m.name)
              else format('%s matches governance grid %s by only %s %% (95 %% needed)', m.name, m.label, floor(m.overlap * 100)::text) end,
         jsonb_build_object('grid', m.name, 'governance', m.label, 'overlap', floor(coalesce(m.overlap, 0) * 100)),
         coalesce(m.mismatch, m.geom)
  from matched m where m.overlap is null or m.overlap < 0.95;
end $$;

-- Member density that cannot be differenced: published counts kept beside the raw ones in the
-- pyramid, and one function that answers cells of the lattice for the tiles and the REST endpoint.
--
-- Published counts, per (cell, organization area), computed bottom-up:
--   level 14: pub = the raw counts if total >= 5, else 0;
--   level L < 14: s = the sum of the four children's pub_total; if total - s >= 5, pub = the raw
--   counts, else pub = the sum of the children's pub values.
-- So every published value is 0 or >= 5, and so is every published cell minus its published
-- children: no sum or difference of published cells across levels, windows or scopes (rows are
-- per area, so a scope's sum is a sum of such groups) isolates fewer than 5 members.

alter table member_density
  add column pub_total     integer not null default 0,
  add column pub_available integer not null default 0,
  add column pub_skilled   integer not null default 0;

-- Recomputes the published counts of the given level-14 cells and of all their ancestors,
-- level 14 up to 6, one set-based statement a level: a member's move touches two cells a level.
create function publish_member_density(cx14 integer[], cy14 integer[], codes text[]) returns void
language plpgsql as $$
declare
  l integer;
begin
  if cx14 is null then return; end if;
  for l in reverse 14..6 loop
    with touched as (
      select distinct t.cx >> (14 - l) as cx, t.cy >> (14 - l) as cy, t.area_code
      from unnest(cx14, cy14, codes) t(cx, cy, area_code)
    ),
    children as (
      select t.cx, t.cy, t.area_code,
             coalesce(sum(c.pub_total), 0)::integer as total,
             coalesce(sum(c.pub_available), 0)::integer as available,
             coalesce(sum(c.pub_skilled), 0)::integer as skilled
      from touched t
      left join member_density c
        on l < 14 and c.level = l + 1 and c.area_code = t.area_code
       and c.cx between 2 * t.cx and 2 * t.cx + 1 and c.cy between 2 * t.cy and 2 * t.cy + 1
      group by t.cx, t.cy, t.area_code
    ),
    published as (
      select m.level, m.cx, m.cy, m.area_code,
             case when m.total - s.total >= 5 then m.total else s.total end as total,
             case when m.total - s.total >= 5 then m.available else s.available end as available,
             case when m.total - s.total >= 5 then m.skilled else s.skilled end as skilled
      from children s
      join member_density m on m.level = l and m.cx = s.cx and m.cy = s.cy and m.area_code = s.area_code
    )
    update member_density m
    set pub_total = p.total, pub_available = p.available, pub_skilled = p.skilled
    from published p
    where m.level = p.level and m.cx = p.cx and m.cy = p.cy and m.area_code = p.area_code
      and (m.pub_total, m.pub_available, m.pub_skilled) is distinct from (p.total, p.available, p.skilled);
  end loop;
end $$;

-- As in 000008, and answers the level-14 cells it changed (cx, cy, area_code arrays), the cells
-- whose published counts, and their ancestors', must be recomputed.
create or replace function member_density_sql(source text) returns text
language sql immutable as $$
  select format($f$
    with d as (%s),
    fine as (
      select cell_column(14, st_x(p)) as cx, cell_row(14, st_y(p)) as cy,
             o.area_code,
             sum(d.sign) as total,
             sum(d.sign * d.available::integer) as available,
             sum(d.sign * (cardinality(d.skills) > 0)::integer) as skilled,
             sum(d.sign * d.mobile::integer) as mobile,
             sum(d.sign * d.in_service::integer) as in_service
      from d join org o on o.id = d.org_id, st_transform(d.home, 3857) p
      group by 1, 2, 3
    ),
    changed as (
      insert into member_density as m (level, cx, cy, area_code, total, available, skilled, mobile, in_service)
      select l.level, f.cx >> (14 - l.level), f.cy >> (14 - l.level), f.area_code,
             sum(f.total), sum(f.available), sum(f.skilled), sum(f.mobile), sum(f.in_service)
      from fine f cross join generate_series(6, 14) l(level)
      group by 1, 2, 3, 4
      having sum(f.total) <> 0 or sum(f.available) <> 0 or sum(f.skilled) <> 0 or sum(f.mobile) <> 0 or sum(f.in_service) <> 0
      on conflict (level, cx, cy, area_code) do update set
        total = m.total + excluded.total, available = m.available + excluded.available,
        skilled = m.skilled + excluded.skilled, mobile = m.mobile + excluded.mobile,
        in_service = m.in_service + excluded.in_service
      returning m.level, m.cx, m.cy, m.area_code
    )
    select array_agg(cx), array_agg(cy), array_agg(area_code) from changed where level = 14
  $f$, source)
$$;

create or replace function refresh_member_density() returns void language plpgsql as $$
declare
  cx14 integer[];
  cy14 integer[];
  codes text[];
begin
  delete from member_density;
  execute member_density_sql('select home, org_id, available, skills, mobile, in_service, 1 as sign from member')
    into cx14, cy14, codes;
  perform publish_member_density(cx14, cy14, codes);
end $$;

create or replace function member_density_on_change() returns trigger language plpgsql as $$
declare
  cx14 integer[];
  cy14 integer[];
  codes text[];
begin
  if tg_op = 'INSERT' then
    execute member_density_sql('select home, org_id, available, skills, mobile, in_service, 1 as sign from new_rows')
      into cx14, cy14, codes;
  elsif tg_op = 'DELETE' then
    execute member_density_sql('select home, org_id, available, skills, mobile, in_service, -1 as sign from old_rows')
      into cx14, cy14, codes;
  else
    execute member_density_sql(
      'select home, org_id, available, skills, mobile, in_service, 1 as sign from new_rows
       union all select home, org_id, available, skills, mobile, in_service, -1 from old_rows')
      into cx14, cy14, codes;
  end if;
  perform publish_member_density(cx14, cy14, codes);
  return null;
end $$;

-- The one density read: the cells of `level` numbered cx0..cx1, cy0..cy1, summed over the
-- organization areas in `scope`; rows of areas in `raw_scope` (whose members the caller may list
-- anyway) count raw, all others their published counts. Empty cells are left out. Inlined into
-- its caller, so it reads the pyramid by its primary key.
create function density_cells(level integer, cx0 integer, cx1 integer, cy0 integer, cy1 integer, scope text[], raw_scope text[])
returns table (cx integer, cy integer, total integer, available integer, skilled integer)
language sql stable parallel safe as $$
  select d.cx, d.cy,
         sum(case when d.area_code like any(raw_scope) then d.total else d.pub_total end)::integer,
         sum(case when d.area_code like any(raw_scope) then d.available else d.pub_available end)::integer,
         sum(case when d.area_code like any(raw_scope) then d.skilled else d.pub_skilled end)::integer
  from member_density d
  where d.level = density_cells.level and d.cx between cx0 and cx1 and d.cy between cy0 and cy1
    and d.area_code like any(scope)
  group by d.cx, d.cy
  having sum(case when d.area_code like any(raw_scope) then d.total else d.pub_total end) > 0
$$;

-- Density tiles are shared and cached, so they carry published counts for everyone.
drop function tile_density(integer, integer, integer, text[], integer);
create function tile_density(z integer, x integer, y integer, scope text[])
returns bytea language sql stable parallel safe as $$
  select coalesce(st_asmvt(t, 'density', 4096, 'geom'), ''::bytea)
  from (
    select g.total, g.available, g.skilled,
           cell_tile_geom(g.level, g.cx, g.cy, z, x, y) as geom
    from (
      select l.level, c.cx, c.cy, c.total, c.available, c.skilled
      from (select least(greatest(z + 1, 6), 14) as level) l
      cross join tile_cells(z, x, y, l.level) r
      cross join lateral density_cells(l.level, r.cx0, r.cx1, r.cy0, r.cy1, scope, '{}') c
      offset 0
    ) g
  ) t
  where t.geom is not null
$$;

select refresh_member_density();

-- Blind spots drew, with none_share, the cells with no available member within the radius: around
-- a lone member in a sparse area the cells that are not "none" form a disk around her home. The
-- tile now tells only where fewer than 5 are within reach (few_share), and K is at least 5, so a
-- cell changes colour only where a group of 5 comes within the radius, never for one member.
update coverage_setting set k = 5 where k < 5;
alter table coverage_setting drop constraint coverage_setting_k_check;
alter table coverage_setting add constraint coverage_setting_k_check check (k between 5 and 100);

drop function tile_blind_spots(integer, integer, integer, text[]);
-- Blind spots: cells of level min(z + 2, 13) holding at least one blind level-13 cell; `share`
-- is the blind part of the cell (fewer than K), `few_share` the part with fewer than 5.
create function tile_blind_spots(z integer, x integer, y integer, scope text[])
returns bytea language sql stable parallel safe as $$
  select coalesce(st_asmvt(t, 'blind_spots', 4096, 'geom'), ''::bytea)
  from (
    select g.share, g.few_share,
           cell_tile_geom(g.level, g.cx, g.cy, z, x, y) as geom
    from (
      select l.level, c.cx >> (13 - l.level) as cx, c.cy >> (13 - l.level) as cy,
             round((count(*) filter (where c.available_nearby < s.k))::numeric / count(*), 3)::float8 as share,
             round((count(*) filter (where c.available_nearby < 5))::numeric / count(*), 3)::float8 as few_share
      from coverage_setting s
      cross join (select least(z + 2, 13) as level) l
      cross join tile_cells(z, x, y, 13) r
      join coverage_cell c on c.cx between r.cx0 and r.cx1 and c.cy between r.cy0 and r.cy1
      where c.area_code like any(scope)
      group by 1, 2, 3
      having count(*) filter (where c.available_nearby < s.k) > 0
      offset 0
    ) g
  ) t
  where t.geom is not null
$$;

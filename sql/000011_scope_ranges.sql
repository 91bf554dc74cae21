-- Scope as code ranges. A caller's scope is the union of their grants' subtrees, each a half-open
-- range of codes [lo, hi) (server/src/auth/scope.ts computes them: county 510703000000 →
-- ['510703', '510704')). Codes are digit strings, so a subtree is exactly the codes in its range, in
-- any collation. Unlike `code like any(patterns)`, a range is a btree index condition.

-- Whether a code lies in one of the ranges (lo[i] <= code < hi[i]).
create function scope_ranges_hold(code text, lo text[], hi text[]) returns boolean
language sql immutable parallel safe as $$
  select exists (select from unnest(lo, hi) r(lo, hi) where code >= r.lo and code < r.hi)
$$;

-- The scope predicate every query uses: `scope_holds(o.area_code, $lo, $hi)`. Inlined by the
-- planner, its first two terms bound the code by the lowest and highest range (sorted and
-- disjoint), which an index on the code answers; with more than one range the exact check follows
-- as a filter. Empty arrays hold nothing (lo[1] is null).
create function scope_holds(code text, lo text[], hi text[]) returns boolean
language sql immutable parallel safe as $$
  select code >= lo[1] and code < hi[cardinality(hi)] and (cardinality(lo) = 1 or scope_ranges_hold(code, lo, hi))
$$;

-- A member's organization's area, kept with the member so that the member list can page through
-- each area in scope by (org_area_code, id) (see selectMembers): a page reads at most a page of
-- members per area, wherever they sit in id order. Filled from org on insert and when org_id
-- changes, and followed when an organization moves.
alter table member add column org_area_code text;

create function member_org_area() returns trigger language plpgsql as $$
begin
  select o.area_code into new.org_area_code from org o where o.id = new.org_id;
  return new;
end $$;
create trigger member_org_area before insert or update of org_id, org_area_code on member
  for each row execute function member_org_area();

create function org_area_to_members() returns trigger language plpgsql as $$
begin
  update member set org_area_code = new.area_code where org_id = new.id;
  return null;
end $$;
create trigger org_area_to_members after update of area_code on org
  for each row when (old.area_code is distinct from new.area_code) execute function org_area_to_members();

-- the existing members: the column is derived, so no density or version trigger needs to see it
alter table member disable trigger user;
update member m set org_area_code = o.area_code from org o where o.id = m.org_id;
alter table member enable trigger user;
alter table member alter column org_area_code set not null;

create index member_area_id_idx on member (org_area_code, id);

-- Cases by community, for every scoped case query.
create index case_community_idx on "case" (community_code);

-- The scoped tiles take the scope as ranges too (lo, hi instead of LIKE patterns); otherwise
-- as in 000006 and 000008.
drop function tile_areas(integer, integer, integer, text[], text[]);
drop function tile_grids(integer, integer, integer, text[]);
drop function tile_orgs(integer, integer, integer, text[]);
drop function tile_places(integer, integer, integer, text[], boolean);
drop function tile_cases(integer, integer, integer, text[]);

create function tile_areas(z integer, x integer, y integer, lo text[], hi text[], ancestors text[])
returns bytea language sql stable parallel safe as $$
  select coalesce(st_asmvt(t, 'areas', 4096, 'geom'), ''::bytea)
  from (
    select a.code, a.name, a.level::text as level,
           st_asmvtgeom(st_transform(a.geom, 3857), b.env3857, 4096, 64, true) as geom
    from area a, tile_bounds(z, x, y) b
    where a.geom && b.env4326
      and (a.level in ('county', 'town') or z >= 10)
      and (scope_holds(a.code, lo, hi) or a.code = any(ancestors))
  ) t
  where t.geom is not null
$$;

-- Grids from zoom 10: a 1080p wall shows the whole county at about zoom 10.3.
create function tile_grids(z integer, x integer, y integer, lo text[], hi text[])
returns bytea language sql stable parallel safe as $$
  select coalesce(st_asmvt(t, 'grids', 4096, 'geom'), ''::bytea)
  from (
    select g.code, g.name, g.community_code, g.kind::text as kind, g.households,
           st_asmvtgeom(st_transform(g.geom, 3857), b.env3857, 4096, 64, true) as geom
    from grid g, tile_bounds(z, x, y) b
    where z >= 10 and g.valid_to is null and g.geom && b.env4326 and scope_holds(g.code, lo, hi)
  ) t
  where t.geom is not null
$$;

create function tile_orgs(z integer, x integer, y integer, lo text[], hi text[])
returns bytea language sql stable parallel safe as $$
  select coalesce(st_asmvt(t, 'orgs', 4096, 'geom'), ''::bytea)
  from (
    select o.id, o.name, o.kind::text as kind, o.sector::text as sector, o.area_code,
           st_asmvtgeom(st_transform(o.geom, 3857), b.env3857, 4096, 64, true) as geom
    from org o, tile_bounds(z, x, y) b
    where o.geom && b.env4326 and scope_holds(o.area_code, lo, hi)
      and (o.kind = 'committee' or z >= 12)
  ) t
  where t.geom is not null
$$;

create function tile_places(z integer, x integer, y integer, lo text[], hi text[], with_households boolean)
returns bytea language sql stable parallel safe as $$
  select coalesce(st_asmvt(t, 'places', 4096, 'geom'), ''::bytea)
  from (
    select p.id, p.name, p.kind::text as kind, p.tier::text as tier,
           st_asmvtgeom(st_transform(p.geom, 3857), b.env3857, 4096, 64, true) as geom
    from place p, tile_bounds(z, x, y) b
    where p.geom && b.env4326 and scope_holds(p.area_code, lo, hi)
      and (p.kind <> 'center_household' or with_households)
      and (p.kind in ('service_center', 'service_station') or z >= 13)
  ) t
  where t.geom is not null
$$;

-- Open cases and those closed in the last 24 hours.
create function tile_cases(z integer, x integer, y integer, lo text[], hi text[])
returns bytea language sql stable parallel safe as $$
  select coalesce(st_asmvt(t, 'cases', 4096, 'geom'), ''::bytea)
  from (
    select c.id, c.kind, c.title, c.severity::text as severity, c.status::text as status,
           extract(epoch from c.reported_at)::bigint as reported_at,
           st_asmvtgeom(st_transform(c.geom, 3857), b.env3857, 4096, 64, true) as geom
    from "case" c, tile_bounds(z, x, y) b
    where c.geom && b.env4326 and scope_holds(c.community_code, lo, hi)
      and (c.status <> 'closed' or c.closed_at > now() - interval '24 hours')
  ) t
  where t.geom is not null
$$;

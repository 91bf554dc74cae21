-- The density pyramid without work in the writer's transaction. A member write used to add its
-- deltas to the pyramid at nine levels and recompute their published counts on the spot: ~0.8 ms
-- of CPU per write, and the coarse cells were rows every writer of a community locked until
-- commit. Now a write appends its level-14 deltas to `member_density_pending` (no row of anyone
-- else is touched), and `fold_member_density()` adds the committed ones to the pyramid in one go:
-- the server's folder calls it every few hundred milliseconds, and every density read calls it
-- first, so what is read after a commit includes that commit, exactly as before.
create table member_density_pending (
  home       geometry(Point, 4326) not null,
  area_code  text not null,
  available  boolean not null,
  skilled    boolean not null,
  mobile     boolean not null,
  in_service boolean not null,
  sign       smallint not null check (sign in (-1, 1))
);

-- Moves the committed pending rows into the pyramid in one transaction: counted into their
-- level-14 cells here, in bulk, then added at every level with their published counts
-- (member_density_add). One fold at a time; rows of transactions still open stay pending.
-- Answers how many pending rows it folded.
create function fold_member_density() returns integer language plpgsql as $$
declare
  fine member_density_delta[];
  folded integer;
begin
  if not exists (select from member_density_pending) then
    return 0;
  end if;
  perform pg_advisory_xact_lock(hashtext('redgrid.density_fold'));
  with gone as (
    delete from member_density_pending returning home, area_code, available, skilled, mobile, in_service, sign
  ),
  cells as (
    select cell_column(14, st_x(p)) as cx, cell_row(14, st_y(p)) as cy, g.area_code,
           sum(g.sign)::integer as total, sum(g.sign * g.available::integer)::integer as available,
           sum(g.sign * g.skilled::integer)::integer as skilled, sum(g.sign * g.mobile::integer)::integer as mobile,
           sum(g.sign * g.in_service::integer)::integer as in_service, count(*)::integer as n
    from gone g, st_transform(g.home, 3857) p
    group by 1, 2, 3
  )
  select array_agg(row(c.cx, c.cy, c.area_code, c.total, c.available, c.skilled, c.mobile, c.in_service)::member_density_delta)
           filter (where c.total <> 0 or c.available <> 0 or c.skilled <> 0 or c.mobile <> 0 or c.in_service <> 0),
         coalesce(sum(c.n), 0)::integer
  into fine, folded
  from cells c;
  if fine is not null then
    perform member_density_add(fine);
  end if;
  return folded;
end $$;

-- A write appends its members as they were (-1) and are (+1), in their organization's area
-- (member.org_area_code, kept by 000011's triggers): two plain inserts, nothing else.
create or replace function member_density_on_change() returns trigger language plpgsql as $$
begin
  if tg_op = 'INSERT' or tg_op = 'UPDATE' then
    insert into member_density_pending (home, area_code, available, skilled, mobile, in_service, sign)
    select home, org_area_code, available, cardinality(skills) > 0, mobile, in_service, 1 from new_rows;
  end if;
  if tg_op = 'DELETE' or tg_op = 'UPDATE' then
    insert into member_density_pending (home, area_code, available, skilled, mobile, in_service, sign)
    select home, org_area_code, available, cardinality(skills) > 0, mobile, in_service, -1 from old_rows;
  end if;
  return null;
end $$;

-- An organization's move reaches the pyramid through its members: 000011 moves their
-- org_area_code, and that update appends them as they were and are, like any member write.
drop trigger member_density_org_upd on org;
drop function member_density_on_org_move();

-- A rebuild counts every member afresh, so it drops what is pending; members are locked against
-- writes meanwhile, or a write committed during the rebuild would be counted twice or never.
create or replace function refresh_member_density() returns void language plpgsql as $$
declare
  cx14 integer[];
  cy14 integer[];
  codes text[];
begin
  lock table member in share mode;
  perform pg_advisory_xact_lock(hashtext('redgrid.density_fold'));
  delete from member_density_pending;
  delete from member_density;
  execute member_density_sql('select home, org_id, available, skills, mobile, in_service, 1 as sign from member')
    into cx14, cy14, codes;
  perform publish_member_density(cx14, cy14, codes);
end $$;

-- Emptying the members empties the pyramid and what is pending for it.
create or replace function member_density_on_truncate() returns trigger language plpgsql as $$
begin
  delete from member_density_pending;
  delete from member_density;
  return null;
end $$;

-- What a bulk load of members (geodata/load.ts) pays per row and once afterwards, made cheaper
-- without changing what is accepted or derived.
--
-- 1. Two of member's checks were regular expressions, ~0.9 and ~0.7 µs a row on the machine of
--    docs/benchmarks.md. They become plain string tests that accept exactly the same values: a
--    string of n bytes every character of which is one of the ASCII digits has n characters, all
--    digits (and `^…$` anchored the whole string: without the newline flag `$` matches only at its
--    end); the remaining tests fix the digits the patterns fix. A null passes both forms alike.
--
-- 2. st_isvalid(home) built a GEOS geometry per row (~1 µs). For a point (the column's type admits
--    nothing else, and only x and y) GEOS checks that both coordinates are finite; a point whose
--    coordinates are both NaN is read as empty, and the empty point is valid. So the same test on
--    the coordinates (NaN = NaN and NaN is above infinity in PostgreSQL; st_x of the empty point is
--    null, which passes as st_isvalid's true did). tests/db/constraints.test.ts compares both forms.
--
-- One statement, so the three new checks are validated in one pass over the table.
alter table member
  drop constraint member_county_code_check,
  drop constraint member_phone_check,
  drop constraint member_home_check,
  -- was county_code ~ '^[0-9]{6}000000$'
  add constraint member_county_code_check
    check (octet_length(county_code) = 12 and ltrim(county_code, '0123456789') = '' and right(county_code, 6) = '000000'),
  -- was phone ~ '^1[3-9][0-9]{9}$'
  add constraint member_phone_check
    check (octet_length(phone) = 11 and ltrim(phone, '0123456789') = '' and left(phone, 2) in ('13', '14', '15', '16', '17', '18', '19')),
  -- was st_isvalid(home)
  add constraint member_home_check
    check ((st_x(home) > '-infinity' and st_x(home) < 'infinity' and st_y(home) > '-infinity' and st_y(home) < 'infinity')
           or (st_x(home) = 'NaN' and st_y(home) = 'NaN'));

-- 3. refresh_member_density() added every level-14 cell to its 9 levels with an upsert, then
--    recomputed the published counts level by level with an update joined to the level below:
--    ~3 s after counting a million members into cells. Now each level is inserted once, whole,
--    summed from the level below it (a cell's members are its four children's: cx >> (14 - l) is
--    (cx >> 1) >> (13 - l)), with its published counts in the same row, by the rule of sql/000009:
--    raw counts where the cell holds 5 or more beyond its children's published total, else the
--    children's published sums (level 14 has no children: raw at 5 or more, else 0). Cells with no
--    current member have no row, as before.
create or replace function refresh_member_density() returns void language plpgsql as $$
declare
  l integer;
begin
  lock table member in share mode;
  perform pg_advisory_xact_lock(hashtext('redgrid.density_fold'));
  delete from member_density_pending;
  delete from member_density;
  insert into member_density (level, cx, cy, area_code, total, available, skilled, mobile, in_service, pub_total, pub_available, pub_skilled)
  select 14, f.cx, f.cy, f.area_code, f.total, f.available, f.skilled, f.mobile, f.in_service,
         case when f.total >= 5 then f.total else 0 end,
         case when f.total >= 5 then f.available else 0 end,
         case when f.total >= 5 then f.skilled else 0 end
  from (
    select cell_column(14, st_x(p)) as cx, cell_row(14, st_y(p)) as cy, o.area_code,
           count(*)::integer as total,
           count(*) filter (where m.available)::integer as available,
           count(*) filter (where cardinality(m.skills) > 0)::integer as skilled,
           count(*) filter (where m.mobile)::integer as mobile,
           count(*) filter (where m.in_service)::integer as in_service
    from member m join org o on o.id = m.org_id, st_transform(m.home, 3857) p
    where m.left_on is null
    group by 1, 2, 3
  ) f;
  for l in reverse 13..6 loop
    insert into member_density (level, cx, cy, area_code, total, available, skilled, mobile, in_service, pub_total, pub_available, pub_skilled)
    select l, s.cx, s.cy, s.area_code, s.total, s.available, s.skilled, s.mobile, s.in_service,
           case when s.total - s.pub_total >= 5 then s.total else s.pub_total end,
           case when s.total - s.pub_total >= 5 then s.available else s.pub_available end,
           case when s.total - s.pub_total >= 5 then s.skilled else s.pub_skilled end
    from (
      select c.cx >> 1 as cx, c.cy >> 1 as cy, c.area_code,
             sum(c.total)::integer as total, sum(c.available)::integer as available, sum(c.skilled)::integer as skilled,
             sum(c.mobile)::integer as mobile, sum(c.in_service)::integer as in_service,
             sum(c.pub_total)::integer as pub_total, sum(c.pub_available)::integer as pub_available,
             sum(c.pub_skilled)::integer as pub_skilled
      from member_density c
      where c.level = l + 1
      group by 1, 2, 3
    ) s;
  end loop;
end $$;

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

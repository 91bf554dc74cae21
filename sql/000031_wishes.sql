-- 微心愿 as community workers post them and members fulfil them: the service position a wish is
-- posted at (or only a point of its community), who posted it, the note a member fulfils it with
-- and the points entry that fulfilment earned, a withdrawal; the indexes of the scoped list, of the
-- search for open wishes near a member's home and of a member's own; the wishes tile layer.

alter table wish
  add column place_id        bigint references place (id),
  add column posted_by       bigint references app_user (id),
  add column fulfilment_note text check (length(fulfilment_note) between 1 and 500),
  -- the ledger row a fulfilment credited (credit_points, reason 'wish'): one per wish, at most
  add column points_entry    bigint unique references member_points (id),
  add column withdrawn_at    timestamptz,
  add column withdraw_reason text check (length(withdraw_reason) between 1 and 500),
  -- a fulfilment credited through the ledger is reported with a note; the demo county's older
  -- fulfilments (their points are in the opening balances) have neither
  add check (points_entry is null or (status = 'fulfilled' and fulfilment_note is not null)),
  add check (fulfilment_note is null or status = 'fulfilled'),
  add check (withdrawn_at is null or status = 'withdrawn'),
  add check (withdraw_reason is null or withdrawn_at is not null);

-- the scoped list pages each area in scope by (area_code, id), as places and members do
create index wish_area_idx on wish (area_code, id);
-- open wishes within a radius of a member's home, in meters (st_dwithin on geography)
create index wish_open_geog_idx on wish using gist ((geom::geography)) where status = 'open';
-- what a member claimed and fulfilled
create index wish_claimed_by_idx on wish (claimed_by, id) where claimed_by is not null;

-- Wishes on the map: a point and its status, nothing else (no title, resident or member), so a
-- wall may draw it. Withdrawn wishes are left out.
create function tile_wishes(z integer, x integer, y integer, lo text[], hi text[])
returns bytea language sql stable parallel safe as $$
  select coalesce(st_asmvt(t, 'wishes', 4096, 'geom'), ''::bytea)
  from (
    select w.id, w.status::text as status,
           st_asmvtgeom(st_transform(w.geom, 3857), b.env3857, 4096, 64, true) as geom
    from wish w, tile_bounds(z, x, y) b
    where w.geom && b.env4326 and scope_holds(w.area_code, lo, hi) and w.status <> 'withdrawn'
  ) t
  where t.geom is not null
$$;

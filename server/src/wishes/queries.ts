import { subtreeRange, type Scope } from '../auth/scope.ts';
import type { WishesQuery, WishStatus } from '../contract/wishes.ts';
import type { Queryable } from '../db/transaction.ts';

type LngLat = readonly [number, number];

export type WishSummaryRow = {
  id: number;
  title: string;
  status: WishStatus;
  area_code: string;
  area_name: string;
  place_id: number | null;
  place_name: string | null;
  lng: number;
  lat: number;
  /** null unless the caller may read it (wish.manage or member.read_exact over the area) */
  resident_name: string | null;
  /** null unless the caller may list members (member.list) over the area */
  claimed_by_id: number | null;
  claimed_by_name: string | null;
  posted_at: Date;
  claimed_at: Date | null;
  fulfilled_at: Date | null;
  withdrawn_at: Date | null;
};

/** Who may read what of a wish: the list's scope (org.read), residents' names, members' names. */
export type WishReaders = { scope: Scope; personal: Scope; members: Scope };

/**
 * Wishes in scope, keyset-paged by id: the areas in scope come by range on their code (an index
 * condition, see scope_holds), then each area's next wishes by wish_area_idx (area_code, id). The
 * resident's name is searched only where the caller may read it, so no filter finds what the answer
 * would not show.
 */
export async function selectWishes(db: Queryable, q: WishesQuery, r: WishReaders): Promise<WishSummaryRow[]> {
  const area = q.area ? subtreeRange(q.area) : null;
  const { rows } = await db.query<WishSummaryRow>(
    `select w.id, w.title, w.status::text as status, w.area_code, a.name as area_name, w.place_id, pl.name as place_name,
            st_x(w.geom) as lng, st_y(w.geom) as lat,
            case when w.personal then w.resident_name end as resident_name,
            case when w.members then w.claimed_by end as claimed_by_id,
            case when w.members then m.name end as claimed_by_name,
            w.posted_at, w.claimed_at, w.fulfilled_at, w.withdrawn_at
     from area a
     cross join lateral (
       select w.*,
              -- coalesce: an empty scope holds nothing, never an unknown
              coalesce(scope_holds(a.code, $3::text[], $4::text[]), false) as personal,
              coalesce(scope_holds(a.code, $5::text[], $6::text[]), false) as members
       from wish w
       where w.area_code = a.code
         and ($9::wish_status is null or w.status = $9::wish_status)
         and ($10::text is null
              or strpos(lower(w.title), lower($10::text)) > 0
              or strpos(lower(coalesce(w.detail, '')), lower($10::text)) > 0
              or (strpos(lower(coalesce(w.resident_name, '')), lower($10::text)) > 0 and coalesce(scope_holds(a.code, $3::text[], $4::text[]), false)))
         and ($11::float8 is null or w.geom && st_makeenvelope($11, $12, $13, $14, 4326))
         and ($15::bigint is null or w.id > $15::bigint)
       order by w.id
       limit $16
     ) w
     left join place pl on pl.id = w.place_id
     left join member m on m.id = w.claimed_by
     where scope_holds(a.code, $1::text[], $2::text[])
       and ($7::text is null or (a.code >= $7::text and a.code < $8::text))
     order by w.id
     limit $16`,
    [
      r.scope.lo,
      r.scope.hi,
      r.personal.lo,
      r.personal.hi,
      r.members.lo,
      r.members.hi,
      area?.lo ?? null,
      area?.hi ?? null,
      q.status ?? null,
      q.q ?? null,
      q.bbox?.minLng ?? null,
      q.bbox?.minLat ?? null,
      q.bbox?.maxLng ?? null,
      q.bbox?.maxLat ?? null,
      q.after ?? null,
      q.limit + 1,
    ],
  );
  return rows;
}

export type WishRow = WishSummaryRow & {
  detail: string | null;
  posted_by_id: number | null;
  posted_by_name: string | null;
  fulfilment_note: string | null;
  points: number | null;
  withdraw_reason: string | null;
};

/** One wish in scope, read as `r` allows. */
export async function selectWish(db: Queryable, id: number, r: WishReaders): Promise<WishRow | undefined> {
  const { rows } = await db.query<WishRow>(
    `select w.id, w.title, w.status::text as status, w.area_code, a.name as area_name, w.place_id, pl.name as place_name,
            st_x(w.geom) as lng, st_y(w.geom) as lat,
            case when coalesce(scope_holds(w.area_code, $4::text[], $5::text[]), false) then w.resident_name end as resident_name,
            case when coalesce(scope_holds(w.area_code, $6::text[], $7::text[]), false) then w.claimed_by end as claimed_by_id,
            case when coalesce(scope_holds(w.area_code, $6::text[], $7::text[]), false) then m.name end as claimed_by_name,
            w.posted_at, w.claimed_at, w.fulfilled_at, w.withdrawn_at,
            w.detail, w.posted_by as posted_by_id, coalesce(u.display_name, u.username) as posted_by_name,
            w.fulfilment_note, mp.points, w.withdraw_reason
     from wish w
     join area a on a.code = w.area_code
     left join place pl on pl.id = w.place_id
     left join member m on m.id = w.claimed_by
     left join app_user u on u.id = w.posted_by
     left join member_points mp on mp.id = w.points_entry
     where w.id = $1 and scope_holds(w.area_code, $2::text[], $3::text[])`,
    [id, r.scope.lo, r.scope.hi, r.personal.lo, r.personal.hi, r.members.lo, r.members.hi],
  );
  return rows[0];
}

export type WishPlaceRow = { id: number; kind: string; area_code: string; closed_on: string | null; lng: number; lat: number };

/** A service position in scope that a wish may be posted at. */
export async function selectWishPlace(db: Queryable, placeId: number, scope: Scope): Promise<WishPlaceRow | undefined> {
  const { rows } = await db.query<WishPlaceRow>(
    `select p.id, p.kind::text as kind, p.area_code, p.closed_on::text as closed_on, st_x(p.geom) as lng, st_y(p.geom) as lat
     from place p where p.id = $1 and scope_holds(p.area_code, $2::text[], $3::text[])`,
    [placeId, scope.lo, scope.hi],
  );
  return rows[0];
}

/** The area in scope, and whether the point lies inside it; undefined when there is no such area in scope. */
export async function selectAreaHolding(db: Queryable, code: string, point: LngLat, scope: Scope): Promise<{ inside: boolean } | undefined> {
  const { rows } = await db.query<{ inside: boolean }>(
    `select st_intersects(geom, st_setsrid(st_point($2::float8, $3::float8), 4326)) as inside
     from area where code = $1 and scope_holds(code, $4::text[], $5::text[])`,
    [code, point[0], point[1], scope.lo, scope.hi],
  );
  return rows[0];
}

/** The community or village at a point, and whether it lies in scope; undefined outside the territory. */
export async function selectCommunityAt(db: Queryable, point: LngLat, scope: Scope): Promise<{ code: string; in_scope: boolean } | undefined> {
  const { rows } = await db.query<{ code: string; in_scope: boolean }>(
    `select code, coalesce(scope_holds(code, $3::text[], $4::text[]), false) as in_scope
     from area
     where level in ('community', 'village') and st_intersects(geom, st_setsrid(st_point($1::float8, $2::float8), 4326))
     order by code limit 1`,
    [point[0], point[1], scope.lo, scope.hi],
  );
  return rows[0];
}

export type NewWish = {
  title: string;
  detail: string | null;
  residentName: string | null;
  areaCode: string;
  placeId: number | null;
  position: LngLat;
  postedBy: number | null;
};

export async function insertWish(db: Queryable, w: NewWish): Promise<number> {
  const { rows } = await db.query<{ id: number }>(
    `insert into wish (title, detail, resident_name, area_code, place_id, posted_by, geom)
     values ($1, $2, $3, $4, $5, $6, st_setsrid(st_point($7::float8, $8::float8), 4326))
     returning id`,
    [w.title, w.detail, w.residentName, w.areaCode, w.placeId, w.postedBy, w.position[0], w.position[1]],
  );
  return rows[0]!.id;
}

export type LockedWishRow = {
  id: number;
  title: string;
  detail: string | null;
  resident_name: string | null;
  area_code: string;
  status: WishStatus;
  claimed_by: number | null;
};

/** A wish in scope, locked for a change. */
export async function lockWish(db: Queryable, id: number, scope: Scope): Promise<LockedWishRow | undefined> {
  const { rows } = await db.query<LockedWishRow>(
    `select id, title, detail, resident_name, area_code, status::text as status, claimed_by
     from wish where id = $1 and scope_holds(area_code, $2::text[], $3::text[])
     for update`,
    [id, scope.lo, scope.hi],
  );
  return rows[0];
}

export async function updateWishText(db: Queryable, id: number, w: { title: string; detail: string | null; residentName: string | null }): Promise<void> {
  await db.query('update wish set title = $2, detail = $3, resident_name = $4 where id = $1', [id, w.title, w.detail, w.residentName]);
}

export async function withdrawWish(db: Queryable, id: number, reason: string | null): Promise<void> {
  await db.query("update wish set status = 'withdrawn', claimed_by = null, withdrawn_at = now(), withdraw_reason = $2 where id = $1", [id, reason]);
}

// ——— the member's side ———

export type LinkMemberRow = { id: number; name: string; points: number; left_on: string | null };

/** The member a link names (the link was signed for them: no scope applies). */
export async function selectLinkMember(db: Queryable, memberId: number, lock = false): Promise<LinkMemberRow | undefined> {
  const { rows } = await db.query<LinkMemberRow>(`select id, name, points, left_on::text as left_on from member where id = $1${lock ? ' for update' : ''}`, [
    memberId,
  ]);
  return rows[0];
}

export type MemberWishRow = {
  id: number;
  title: string;
  detail: string | null;
  resident_name: string | null;
  place_name: string;
  status: WishStatus;
  distance_m: number;
  posted_at: Date;
  claimed_at: Date | null;
  fulfilled_at: Date | null;
  fulfilment_note: string | null;
  points: number | null;
};

const memberWishColumns = (home: string) => `
  w.id, w.title, w.detail, w.resident_name, coalesce(pl.name, a.name) as place_name, w.status::text as status,
  st_distance(w.geom::geography, ${home}, true) as distance_m,
  w.posted_at, w.claimed_at, w.fulfilled_at, w.fulfilment_note, mp.points`;

/**
 * The open wishes within `radiusM` meters (geodesic) of the member's home, nearest first: the
 * partial geography index (wish_open_geog_idx) finds the disc, st_distance on the spheroid orders it.
 */
export async function selectNearbyWishes(db: Queryable, memberId: number, radiusM: number, limit: number): Promise<MemberWishRow[]> {
  const { rows } = await db.query<MemberWishRow>(
    `select ${memberWishColumns('h.home')}
     from (select home::geography as home from member where id = $1) h
     join wish w on w.status = 'open' and st_dwithin(w.geom::geography, h.home, $2::float8, true)
     join area a on a.code = w.area_code
     left join place pl on pl.id = w.place_id
     left join member_points mp on mp.id = w.points_entry
     order by distance_m, w.id
     limit $3`,
    [memberId, radiusM, limit],
  );
  return rows;
}

/** What the member claimed and fulfilled: claimed ones first, then the newest. */
export async function selectOwnWishes(db: Queryable, memberId: number, limit: number): Promise<MemberWishRow[]> {
  const { rows } = await db.query<MemberWishRow>(
    `select ${memberWishColumns('h.home')}
     from (select home::geography as home from member where id = $1) h
     join wish w on w.claimed_by = $1
     join area a on a.code = w.area_code
     left join place pl on pl.id = w.place_id
     left join member_points mp on mp.id = w.points_entry
     order by w.status = 'claimed' desc, coalesce(w.fulfilled_at, w.claimed_at) desc nulls last, w.id desc
     limit $2`,
    [memberId, limit],
  );
  return rows;
}

export type MemberLockedWishRow = LockedWishRow & { distance_m: number };

/** A wish locked for a member's claim or fulfilment, with its distance from their home. */
export async function lockWishForMember(db: Queryable, id: number, memberId: number): Promise<MemberLockedWishRow | undefined> {
  const { rows } = await db.query<MemberLockedWishRow>(
    `select w.id, w.title, w.detail, w.resident_name, w.area_code, w.status::text as status, w.claimed_by,
            st_distance(w.geom::geography, (select home::geography from member where id = $2), true) as distance_m
     from wish w where w.id = $1
     for update of w`,
    [id, memberId],
  );
  return rows[0];
}

export async function claimWish(db: Queryable, id: number, memberId: number): Promise<void> {
  await db.query("update wish set status = 'claimed', claimed_by = $2, claimed_at = now() where id = $1", [id, memberId]);
}

export async function fulfilWish(db: Queryable, id: number, note: string, pointsEntry: number | null): Promise<void> {
  await db.query("update wish set status = 'fulfilled', fulfilled_at = now(), fulfilment_note = $2, points_entry = $3 where id = $1", [id, note, pointsEntry]);
}

/** The points a fulfilled wish earns now (points_rule 'wish'); null when no rule says. */
export async function selectWishPoints(db: Queryable): Promise<number | null> {
  const { rows } = await db.query<{ points: number }>("select points from points_rule where kind = 'wish'");
  return rows[0]?.points ?? null;
}

/** A ledger row with reason 'wish' and the balance together (credit_points, sql/000024). */
export async function creditWishPoints(db: Queryable, memberId: number, points: number, note: string): Promise<number> {
  const { rows } = await db.query<{ id: number }>("select credit_points($1, 'wish'::points_kind, $2, $3, null, null) as id", [memberId, points, note]);
  return rows[0]!.id;
}

// ——— personal links ———

/** A member in scope (by their organization's area), and whether they left. */
export async function selectMemberInScope(
  db: Queryable,
  memberId: number,
  scope: Scope,
): Promise<{ org_area_code: string; left_on: string | null } | undefined> {
  const { rows } = await db.query<{ org_area_code: string; left_on: string | null }>(
    `select m.org_area_code, m.left_on::text as left_on
     from member m
     where m.id = $1 and scope_holds(m.org_area_code, $2::text[], $3::text[])
       and ($4::text[] is null or m.county_code = any($4::text[]))`,
    [memberId, scope.lo, scope.hi, scope.counties],
  );
  return rows[0];
}

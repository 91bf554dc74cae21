import type { Scope } from '../auth/scope.ts';
import type { Queryable } from '../db/transaction.ts';

export type PointsKind = 'opening' | 'activity' | 'service' | 'wish' | 'dispatch_answered' | 'dispatch_arrived' | 'adjustment';

export type PointsRow = {
  id: number;
  kind: PointsKind;
  points: number;
  earned_on: string;
  note: string | null;
  dispatch_id: number | null;
  recorded_at: Date;
};

/** A member's ledger, newest first. */
export async function selectLedger(db: Queryable, memberId: number): Promise<PointsRow[]> {
  const { rows } = await db.query<PointsRow>(
    `select id, kind::text as kind, points, earned_on::text as earned_on, note, dispatch_id, recorded_at
     from member_points where member_id = $1 order by earned_on desc, id desc`,
    [memberId],
  );
  return rows;
}

/** One ledger row and the balance together (credit_points, sql/000024). */
export async function creditPoints(
  db: Queryable,
  e: { memberId: number; kind: PointsKind; points: number; note: string | null; actorId: number | null; earnedOn: string | null },
): Promise<number> {
  const { rows } = await db.query<{ id: number }>('select credit_points($1, $2::points_kind, $3, $4, null, $5, $6::date) as id', [
    e.memberId,
    e.kind,
    e.points,
    e.note,
    e.actorId,
    e.earnedOn,
  ]);
  return rows[0]!.id;
}

export type RuleRows = { points: Array<{ kind: PointsKind; points: number }>; stars: Array<{ stars: number; min_points: number }> };

export async function selectPointsRule(db: Queryable): Promise<RuleRows['points']> {
  const { rows } = await db.query<RuleRows['points'][number]>('select kind::text as kind, points from points_rule order by kind');
  return rows;
}

export async function selectStarRule(db: Queryable): Promise<RuleRows['stars']> {
  const { rows } = await db.query<RuleRows['stars'][number]>('select stars::integer as stars, min_points from star_rule order by stars');
  return rows;
}

export async function upsertPointsRule(db: Queryable, rules: RuleRows['points']): Promise<void> {
  await db.query(
    `insert into points_rule (kind, points)
     select r.kind::points_kind, r.points from unnest($1::text[], $2::integer[]) r(kind, points)
     on conflict (kind) do update set points = excluded.points`,
    [rules.map((r) => r.kind), rules.map((r) => r.points)],
  );
}

export async function deleteStarRule(db: Queryable): Promise<void> {
  await db.query('delete from star_rule');
}

export async function insertStarRule(db: Queryable, rules: RuleRows['stars']): Promise<void> {
  await db.query('insert into star_rule (stars, min_points) select * from unnest($1::smallint[], $2::integer[])', [
    rules.map((r) => r.stars),
    rules.map((r) => r.min_points),
  ]);
}

export type StarReviewRow = { member_id: number; name: string; points: number; stars_before: number; stars_after: number };

/**
 * The current members in scope (area by area, as the list reads them) with the points they earned
 * in `year` (opening balances left out) and the stars the rule gives for them: the highest row
 * reached, 1 when none is.
 */
const reviewSql = `
  scoped as (
    select m.id, m.name, m.stars from area a
    join member m on m.org_area_code = a.code and m.left_on is null
    where scope_holds(a.code, $1::text[], $2::text[])
  ),
  earned as (
    select p.member_id, sum(p.points)::integer as points
    from member_points p join scoped s on s.id = p.member_id
    where p.kind <> 'opening' and p.earned_on >= make_date($3, 1, 1) and p.earned_on < make_date($3 + 1, 1, 1)
    group by p.member_id
  ),
  review as (
    select s.id as member_id, s.name, coalesce(e.points, 0) as points, s.stars::integer as stars_before,
           coalesce((select max(r.stars) from star_rule r where r.min_points <= coalesce(e.points, 0)), 1)::integer as stars_after
    from scoped s left join earned e on e.member_id = s.id
  )`;

export async function selectStarReview(db: Queryable, year: number, scope: Scope): Promise<StarReviewRow[]> {
  const { rows } = await db.query<StarReviewRow>(`with ${reviewSql} select * from review order by member_id`, [scope.lo, scope.hi, year]);
  return rows;
}

/** The review applied: a star_review row per member (a second review of the year replaces the first) and the new stars. */
export async function applyStarReview(db: Queryable, year: number, scope: Scope, actorId: number | null): Promise<StarReviewRow[]> {
  const { rows } = await db.query<StarReviewRow>(
    `with ${reviewSql},
     written as (
       insert into star_review (year, member_id, points, stars_before, stars_after, reviewed_by)
       select $3, member_id, points, stars_before, stars_after, $4 from review
       on conflict (year, member_id) do update set points = excluded.points, stars_before = excluded.stars_before,
         stars_after = excluded.stars_after, reviewed_by = excluded.reviewed_by, reviewed_at = now()
     ),
     starred as (
       update member m set stars = r.stars_after from review r where m.id = r.member_id and m.stars <> r.stars_after
     )
     select * from review order by member_id`,
    [scope.lo, scope.hi, year, actorId],
  );
  return rows;
}

import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Scope } from '../../server/src/auth/scope.ts';
import type { AreaFigures, StatsSummary } from '../../server/src/contract/stats.ts';
import { foldFigureTallies, selectFigures } from '../../server/src/stats/queries.ts';
import { wallClient, type ApiClient } from '../support/api-client.ts';
import { usePrivateDatabase } from '../support/database.ts';
import { withPlans } from '../support/query-plans.ts';
import { startTestServer, type TestServer } from '../support/test-server.ts';

/**
 * The summary's maintained tallies (sql/000034) against the figures counted straight from the
 * tables, after writes of every kind, with days that move (due times passing, reports of
 * yesterday in Shanghai time), a fold, a full recount and truncation.
 */
const database = usePrivateDatabase('stats_tallies');
let server: TestServer;
let wall: ApiClient;
const county = '510703000000';
let town = '';
let community = '';
let otherCommunity = '';
let members: number[] = [];

/** The figures as the summary counted them before the tallies: every one from its base table. */
const directSql = `
with u as (select $1::text as lo, $2::text as hi),
s as (select * from coverage_setting),
k as (select (now() at time zone 'Asia/Shanghai')::date as today),
org_counts as (
  select o.kind::text as kind, o.sector::text as sector, count(*) as n
  from org o, u where o.area_code >= u.lo and o.area_code < u.hi and o.closed_on is null group by 1, 2
),
place_counts as (
  select p.kind::text as kind, count(*) as n from place p, u where p.area_code >= u.lo and p.area_code < u.hi and p.closed_on is null group by 1
),
recent as (
  select d.created_at, d.status,
         (select min(a.answered_at) from dispatch_alert a where a.dispatch_id = d.id and a.state in ('accepted', 'arrived')) as first_accept
  from dispatch d join "case" c on c.id = d.case_id, u
  where d.created_at > now() - interval '30 days' and c.community_code >= u.lo and c.community_code < u.hi
)
select
  json_build_object(
    'total', (select coalesce(sum(n), 0) from org_counts),
    'by_kind', (select coalesce(json_object_agg(kind, n), '{}') from (select kind, sum(n) as n from org_counts group by 1) x),
    'by_sector', (select coalesce(json_object_agg(sector, n), '{}') from (select sector, sum(n) as n from org_counts group by 1) x)) as organizations,
  json_build_object(
    'total', (select coalesce(sum(n), 0) from place_counts),
    'by_kind', (select coalesce(json_object_agg(kind, n), '{}') from place_counts)) as service_positions,
  (select json_build_object(
     'total', count(*),
     'formed', count(*) filter (where n.coverage_mode in ('own_branch', 'joint_branch')),
     'covered', count(*) filter (where n.coverage_mode is not null),
     'formation_rate', round((count(*) filter (where n.coverage_mode in ('own_branch', 'joint_branch')))::numeric / nullif(count(*), 0), 4),
     'coverage_rate', round((count(*) filter (where n.coverage_mode is not null))::numeric / nullif(count(*), 0), 4))
   from new_org n, u where n.area_code >= u.lo and n.area_code < u.hi) as new_orgs,
  (select json_build_object(
     'open', count(*) filter (where c.status <> 'closed'),
     'overdue', count(*) filter (where c.status <> 'closed' and c.due_at < now()),
     'reported_today', count(*) filter (where (c.reported_at at time zone 'Asia/Shanghai')::date = k.today),
     'closed_today', count(*) filter (where (c.closed_at at time zone 'Asia/Shanghai')::date = k.today))
   from "case" c, u, k where c.community_code >= u.lo and c.community_code < u.hi) as cases,
  (select json_build_object(
     'today', count(*) filter (where (r.created_at at time zone 'Asia/Shanghai')::date = k.today),
     'active', count(*) filter (where r.status = 'active'),
     'median_first_accept_s', round((percentile_cont(0.5) within group (order by extract(epoch from r.first_accept - r.created_at)))::numeric, 1))
   from recent r, k) as dispatch,
  (select json_build_object(
     'cells', c.cells, 'blind_cells', c.blind, 'blind_share', round(c.blind::numeric / nullif(c.cells, 0), 4),
     'households', r.households, 'households_beyond_reach', r.beyond, 'reach_rate', round(1 - r.beyond::numeric / nullif(r.households, 0), 4))
   from (select count(*) as cells, count(*) filter (where c.available_nearby < s.k) as blind from coverage_cell c, s, u
         where c.area_code >= u.lo and c.area_code < u.hi) c,
        (select coalesce(sum(b.households), 0) as households, coalesce(sum(b.households) filter (where b.distance_m > s.reach_distance_m), 0) as beyond
         from building_reach b, s, u where b.area_code >= u.lo and b.area_code < u.hi) r) as coverage,
  (select json_build_object(
     'open', count(*) filter (where w.status = 'open'),
     'claimed', count(*) filter (where w.status = 'claimed'),
     'fulfilled_this_year', count(*) filter (
       where w.status = 'fulfilled' and (w.fulfilled_at at time zone 'Asia/Shanghai')::date >= date_trunc('year', k.today)::date))
   from wish w, u, k where w.area_code >= u.lo and w.area_code < u.hi) as wishes`;

type Direct = Pick<AreaFigures, 'organizations' | 'service_positions' | 'new_orgs' | 'cases' | 'dispatch' | 'coverage' | 'wishes'>;

function range(code: string): [string, string] {
  const scope = Scope.of([code]);
  return [scope.lo[0]!, scope.hi[0]!];
}

async function direct(code: string): Promise<Direct> {
  const { rows } = await server.db.query<Direct>(directSql, range(code));
  return rows[0]!;
}

async function summary(area: string): Promise<StatsSummary> {
  const answer = await wall.getJson<StatsSummary>(`/api/v1/stats/summary?area=${area}`);
  expect(answer.status).toBe(200);
  return answer.body;
}

const figures = ['organizations', 'service_positions', 'new_orgs', 'cases', 'dispatch', 'coverage', 'wishes'] as const;

/** Every figure of the county, each town, the town and a community, as counted from the tables. */
async function expectDirect(): Promise<void> {
  const units: AreaFigures[] = [];
  const s = await summary(county);
  units.push(s, ...s.children);
  const t = await summary(town);
  units.push(t, ...t.children);
  for (const unit of units) {
    const expected = await direct(unit.code);
    for (const figure of figures) expect({ code: unit.code, [figure]: unit[figure] }).toEqual({ code: unit.code, [figure]: expected[figure] });
  }
  expect(units.map((u) => u.code)).toContain(community);
}

async function sql(text: string, params: unknown[] = []): Promise<void> {
  await server.db.query(text, params);
}

beforeAll(async () => {
  server = await startTestServer(database.url, undefined, { workers: false });
  wall = await wallClient(server.baseUrl, server.db, county);
  const { rows } = await server.db.query<{ code: string }>(
    "select code from area where level in ('community', 'village') and parent_code = (select min(code) from area where level = 'town') order by code limit 2",
  );
  community = rows[0]!.code;
  otherCommunity = rows[1]!.code;
  town = `${community.slice(0, 9)}000`;
  members = (await server.db.query<{ id: number }>('select id from member order by id limit 6')).rows.map((r) => r.id);
});
afterAll(async () => {
  await server.close();
});

// Moments relative to the start of today in Shanghai: `at(-1, 30)` is yesterday 00:30 there.
const at = (days: number, hours = 0) =>
  `(((now() at time zone 'Asia/Shanghai')::date + ${days})::timestamp at time zone 'Asia/Shanghai') + ${hours} * interval '1 hour'`;

describe('stats summary from maintained tallies', () => {
  it('equals direct counts after cases are reported, closed, moved, re-dated and deleted across days', async () => {
    // 60 cases over the town's communities: reported today, yesterday and weeks ago; due long
    // ago, yesterday, earlier today, later today, tomorrow or never; a third closed today or yesterday
    await sql(
      `insert into "case" (county_code, kind, title, status, town_code, community_code, reported_at, due_at, closed_at, geom)
       select '510703000000', 'test', 'tally ' || n, case when n % 3 = 0 then 'closed' else 'handling' end::case_status,
              a.parent_code, a.code,
              case n % 4 when 0 then now() - interval '1 minute' when 1 then ${at(-1, 23)} when 2 then ${at(-20, 5)} else ${at(0, 0.01)} end,
              case n % 6 when 0 then null when 1 then ${at(-9, 2)} when 2 then ${at(-1, 12)} when 3 then now() - interval '5 minutes'
                         when 4 then now() + interval '5 minutes' else ${at(1, 8)} end,
              case when n % 3 = 0 then (case when n % 2 = 0 then now() else ${at(-1, 10)} end) end,
              st_pointonsurface(a.geom)
       from generate_series(1, 60) n
       join lateral (select code, parent_code, geom from area where parent_code = $1 order by code offset n % 3 limit 1) a on true`,
      [town],
    );
    await expectDirect();
    // a case due in a few minutes becomes overdue (its due time passes); one closes; one reported
    // today turns out to have been reported yesterday; one moves community; one is deleted
    await sql(
      `update "case" set due_at = now() - interval '1 second' where id = (select min(id) from "case" where title like 'tally %' and status <> 'closed' and due_at > now())`,
    );
    await sql(
      `update "case" set status = 'closed', closed_at = now() where id = (select min(id) from "case" where title like 'tally %' and status <> 'closed')`,
    );
    await sql(`update "case" set reported_at = ${at(-1, 20)} where id = (select max(id) from "case" where title like 'tally %' and reported_at > ${at(0)})`);
    await sql('update "case" set community_code = $1 where id = (select max(id) from "case" where title like \'tally %\' and community_code <> $1)', [
      otherCommunity,
    ]);
    await sql(`delete from "case" where id = (select max(id) from "case" where title like 'tally %' and status <> 'closed')`);
    await expectDirect();
  });

  it('equals direct counts for dispatches of today, yesterday and last month as answers come, change and go', async () => {
    await sql(
      `insert into dispatch (case_id, radius_m, max_radius_m, wave_size, target, scope_lo, scope_hi, created_at, status)
       select c.id, 1000, 1000, 3, 1, array['510703'], array['510704'],
              case c.n % 3 when 0 then now() - interval '10 minutes' when 1 then ${at(-1, 9)} else now() - interval '40 days' end,
              case when c.n % 2 = 0 then 'active' else 'fulfilled' end::dispatch_status
       from (select id, row_number() over (order by id) as n from "case" where title like 'tally %' order by id limit 12) c`,
    );
    // either side of the window's start (now() - 30 days), on the window's first day or the one before
    await sql(
      `insert into dispatch (case_id, radius_m, max_radius_m, wave_size, target, scope_lo, scope_hi, created_at, status)
       select c.id, 1000, 1000, 3, 1, array['510703'], array['510704'], now() - interval '30 days' + (array[-90, -1, 1, 90])[c.n] * interval '1 minute',
              case when c.n % 2 = 0 then 'active' else 'fulfilled' end::dispatch_status
       from (select id, (row_number() over (order by id))::int as n
             from (select id from "case" where title like 'tally %' order by id offset 12 limit 4) x) c`,
    );
    // answers: each dispatch alerts three members, two accept: the first after 30 + 11 × (id mod 7)
    // seconds, so units hold odd and even counts of different values
    await sql(
      `insert into dispatch_alert (dispatch_id, member_id, wave, distance_m, state, alerted_at, answered_at)
       select d.id, m.id, 1, 100, case when m.k < 3 then 'accepted' else 'alerted' end::alert_state, d.created_at,
              case when m.k < 3 then d.created_at + (case m.k when 1 then 30 + 11 * (d.id % 7) else 120 + d.id end) * interval '1 second' end
       from dispatch d cross join unnest($1::bigint[]) with ordinality m(id, k)`,
      [members.slice(0, 3)],
    );
    await expectDirect();
    // the first answer is recalled (the second one is first now), one arrives, one alert is gone
    await sql(`update dispatch_alert set state = 'recalled' where answered_at = (select min(answered_at) from dispatch_alert where state = 'accepted')`);
    await sql(
      `update dispatch_alert set state = 'arrived', arrived_at = now() where state = 'accepted' and dispatch_id = (select max(dispatch_id) from dispatch_alert)`,
    );
    await sql(
      `update dispatch_alert set state = 'accepted', answered_at = alerted_at + interval '7 seconds' where state = 'alerted' and dispatch_id = (select min(dispatch_id) from dispatch_alert)`,
    );
    await sql(`delete from dispatch_alert where state = 'accepted' and dispatch_id = (select max(dispatch_id) from dispatch_alert where state = 'accepted')`);
    await sql(`update dispatch set status = 'closed', closed_at = now() where id = (select min(id) from dispatch where status = 'active')`);
    await sql(
      `update dispatch set created_at = now() - interval '31 days' where id = (select max(id) from dispatch where created_at > now() - interval '2 days')`,
    );
    await expectDirect();
    // last month's figure rows are pruned; one of those dispatches moved back into the window
    // counts again, with its answers
    const { rows: pruned } = await server.db.query<{ n: number }>('select prune_dispatch_figures() as n');
    expect(pruned[0]!.n).toBeGreaterThan(0);
    await expectDirect();
    await sql(
      `update dispatch set created_at = now() - interval '2 hours' where id = (select min(id) from dispatch where created_at < now() - interval '35 days')`,
    );
    const { rows: back } = await server.db.query<{ n: number }>(
      `select count(*)::int as n from dispatch_figure f join dispatch d on d.id = f.dispatch_id
       where d.created_at > now() - interval '3 hours' and d.created_at < now() - interval '1 hour' and f.first_accept_s is not null`,
    );
    expect(back[0]!.n).toBeGreaterThan(0);
    await expectDirect();
  });

  it('equals direct counts after organizations, places, new-type organizations and wishes change', async () => {
    await sql(
      `update org set closed_on = current_date, close_reason = 'test' where id = (select min(id) from org where area_code = $1 and closed_on is null)`,
      [community],
    );
    await sql(`update org set sector = 'joint' where id = (select max(id) from org where area_code = $1 and closed_on is null and sector <> 'joint')`, [
      community,
    ]);
    await sql(
      `insert into org (name, kind, sector, area_code, geom) select 'tally org ' || n, 'branch', 'enterprise', $1, st_pointonsurface(a.geom)
       from area a, generate_series(1, 3) n where a.code = $1`,
      [otherCommunity],
    );
    await sql(`update place set closed_on = current_date, close_reason = 'test' where id = (select min(id) from place where area_code like $1)`, [
      `${town.slice(0, 9)}%`,
    ]);
    await sql(
      `insert into place (kind, name, area_code, geom) select 'education_site', 'tally place', a.code, st_pointonsurface(a.geom) from area a where a.code = $1`,
      [community],
    );
    await sql(
      `update new_org set coverage_mode = null, covering_org_id = null where id in (select id from new_org where coverage_mode is not null order by id limit 3)`,
    );
    await sql(
      `delete from new_org where id = (select max(id) from new_org where area_code like $1 and id not in (select partner_new_org_id from pairing where partner_new_org_id is not null) and id not in (select new_org_id from new_org_tracking))`,
      [`${town.slice(0, 9)}%`],
    );
    await sql(
      `insert into wish (title, area_code, status, claimed_by, claimed_at, fulfilled_at, geom)
       select 'tally wish ' || n, a.code, (array['open', 'claimed', 'fulfilled', 'fulfilled', 'withdrawn'])[n % 5 + 1]::wish_status,
              case when n % 5 in (1, 2, 3) then $2::bigint end, case when n % 5 in (1, 2, 3) then now() end,
              case n % 5 when 2 then now() when 3 then now() - interval '400 days' end, st_pointonsurface(a.geom)
       from area a, generate_series(1, 10) n where a.code = $1`,
      [community, members[0]],
    );
    await sql(`update wish set status = 'fulfilled', fulfilled_at = now() where id = (select min(id) from wish where status = 'claimed' and area_code = $1)`, [
      community,
    ]);
    await expectDirect();
  });

  it('equals direct counts after coverage results and settings change', async () => {
    await sql('update coverage_setting set k = k + 3, reach_distance_m = reach_distance_m + 500');
    await expectDirect();
    await sql('delete from building_reach where building_id in (select building_id from building_reach where area_code = $1 limit 5)', [community]);
    await sql('update coverage_cell set available_nearby = 0 where (cx, cy) in (select cx, cy from coverage_cell where area_code = $1 limit 3)', [community]);
    await expectDirect();
    await sql('select refresh_coverage()');
    await expectDirect();
  });

  it('stays equal once folded (old due days merged, old report days dropped) and after a full recount', async () => {
    const { rows: before } = await server.db.query<{ n: number }>('select count(*)::int as n from figure_tally_pending');
    expect(before[0]!.n).toBeGreaterThan(0);
    expect(await foldFigureTallies(server.db)).toBeGreaterThan(0);
    const { rows } = await server.db.query<{ pending: number; aged: number }>(
      `select (select count(*) from figure_tally_pending)::int as pending,
              (select count(*) from figure_tally where (figure = 'case_open' and day > '-infinity' or figure <> 'case_open' and figure like 'case%')
                 and day < (now() at time zone 'Asia/Shanghai')::date - 1)::int as aged`,
    );
    expect(rows[0]).toEqual({ pending: 0, aged: 0 });
    await expectDirect();
    await sql('select refresh_figure_tallies()');
    await expectDirect();
    // a write after the fold is pending again and counted at once
    await sql(
      `insert into "case" (county_code, kind, title, town_code, community_code, due_at, geom)
       select '510703000000', 'test', 'tally late', a.parent_code, a.code, now() - interval '1 hour', st_pointonsurface(a.geom) from area a where a.code = $1`,
      [community],
    );
    await expectDirect();
  });

  it('counts today’s overdue cases by the partial index and last month’s dispatches by their creation index', async () => {
    // a year of cases, most of them closed, a quarter with a dispatch: what a county piles up
    await sql(
      `insert into "case" (county_code, kind, title, status, town_code, community_code, reported_at, due_at, closed_at, geom)
       select '510703000000', 'test', 'year ' || n, case when n % 20 = 0 then 'handling' else 'closed' end::case_status, a.parent_code, a.code,
              now() - n * interval '20 minutes', now() - n * interval '20 minutes' + interval '3 days',
              case when n % 20 <> 0 then now() - n * interval '20 minutes' + interval '1 day' end, st_pointonsurface(a.geom)
       from generate_series(1, 25000) n
       join lateral (select code, parent_code, geom from area where level in ('community', 'village') order by md5(code || n) limit 1) a on true`,
    );
    await sql(
      `insert into dispatch (case_id, radius_m, max_radius_m, wave_size, target, scope_lo, scope_hi, created_at, status)
       select id, 1000, 1000, 3, 1, array['510703'], array['510704'], reported_at + interval '5 minutes', 'closed'
       from "case" where title like 'year %' and id % 4 = 0`,
    );
    // each answered by a member 20–320 s later
    await sql(
      `insert into dispatch_alert (dispatch_id, member_id, wave, distance_m, state, alerted_at, answered_at)
       select d.id, $1, 1, 100, 'accepted', d.created_at, d.created_at + (20 + d.id % 300) * interval '1 second'
       from dispatch d join "case" c on c.id = d.case_id where c.title like 'year %'`,
      [members[0]],
    );
    await server.db.query('analyze "case"; analyze dispatch_figure; analyze figure_tally');
    const { result, plan } = await withPlans(server.db, (client) => selectFigures(client, county, Scope.of([county])));
    expect(result.length).toBeGreaterThan(1);
    expect(plan).toMatch(/Index Only Scan using case_open_due_idx on "case" c/);
    expect(plan).toMatch(/Index (Only )?Scan using dispatch_figure_created_idx on dispatch_figure f/);
    // each median walked on its level's index, not sorted
    expect(plan).toMatch(/Index (Only )?Scan using dispatch_figure_county_answer_idx on dispatch_figure f/);
    expect(plan).toMatch(/Index (Only )?Scan using dispatch_figure_town_answer_idx on dispatch_figure f/);
    expect(plan).not.toMatch(/Sort Key: f\.first_accept_s/);
    expect(plan).not.toMatch(
      /Seq Scan on "case"|Seq Scan on dispatch\b|on dispatch_alert|on org\b|on place\b|on new_org\b|on wish\b|on coverage_cell|on building_reach/,
    );
  });

  it('empties the figures of truncated tables', async () => {
    await sql('truncate "case", wish cascade');
    const { rows } = await server.db.query<{ n: number }>(
      "select ((select count(*) from figure_tally where figure like 'case%' or figure = 'wish') + (select count(*) from dispatch_figure))::int as n",
    );
    expect(rows[0]!.n).toBe(0);
    await expectDirect();
  });
});

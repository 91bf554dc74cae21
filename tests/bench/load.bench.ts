import { createReadStream, createWriteStream } from 'node:fs';
import { rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { from as copyFrom } from 'pg-copy-streams';
import { generateCounty } from '../../geodata/county/index.ts';
import { refreshCoverageIfStale } from '../../server/src/coverage/queries.ts';
import type { MemberRow } from '../../geodata/county/types.ts';
import { loadCounty, MEMBER_COLUMNS, memberCopyText, renderedRows } from '../../geodata/load.ts';
import { openBenchDatabase } from './bench-database.ts';
import { perSecond, printReport, thousands } from './report.ts';

/** Inserts members one statement per row, as an ORM would: the naive baseline for COPY. */
async function insertRowByRow(db: Awaited<ReturnType<typeof openBenchDatabase>>, rows: MemberRow[]): Promise<number> {
  const client = await db.pool.connect();
  const started = Date.now();
  try {
    await client.query('begin');
    for (const m of rows) {
      await client.query(
        `insert into member (county_code, name, gender, birth_year, org_id, home, registration_community,
           in_service, mobile, available, skills, stars, points, phone, joined_on)
         values ($1, $2, $3, $4, $5, st_setsrid(st_geomfromgeojson($6), 4326), $7, $8, $9, $10, $11, $12, $13, $14, $15)`,
        [
          m.county_code,
          m.name,
          m.gender,
          m.birth_year,
          m.org_id,
          JSON.stringify(m.home),
          m.registration_community,
          m.in_service,
          m.mobile,
          m.available,
          m.skills,
          m.stars,
          m.points,
          m.phone,
          m.joined_on,
        ],
      );
    }
    return Date.now() - started;
  } finally {
    await client.query('rollback');
    client.release();
  }
}

/** Writes the county's members as COPY text to a file (the generation, timed on its own). */
async function renderMembers(county: ReturnType<typeof generateCounty>, file: string): Promise<void> {
  await pipeline(Readable.from(memberCopyText(county)), createWriteStream(file));
}

/** The member table's indexes as `create index` statements on member_raw, GiST on home first. */
async function memberIndexes(db: Awaited<ReturnType<typeof openBenchDatabase>>): Promise<string[]> {
  const { rows } = await db.pool.query<{ definition: string; gist: boolean }>(
    `select pg_get_indexdef(x.indexrelid) as definition, a.amname = 'gist' as gist
       from pg_index x join pg_class i on i.oid = x.indexrelid join pg_am a on a.oid = i.relam
      where x.indrelid = 'member'::regclass
      order by a.amname = 'gist' desc, i.relname`,
  );
  return rows.map((r) => r.definition.replace(/^CREATE (UNIQUE )?INDEX \S+ ON (public\.)?member /, 'create $1index on member_raw '));
}

/**
 * The baseline: the same rows by plain COPY into a bare copy of the member table (no
 * constraints, triggers or indexes), then the one GiST index nearby needs, then the member
 * table's other indexes (its primary key among them), each built once from all the rows with the
 * loader's maintenance_work_mem. Answers ms.
 */
async function rawCopy(
  db: Awaited<ReturnType<typeof openBenchDatabase>>,
  file: string,
): Promise<{ copyMs: number; gistMs: number; otherIndexesMs: number; otherIndexes: number }> {
  const [gist, ...others] = await memberIndexes(db);
  if (gist === undefined || !gist.includes('gist')) throw new Error('member has no GiST index');
  const client = await db.pool.connect();
  try {
    await client.query('set statement_timeout = 0');
    await client.query("set maintenance_work_mem = '512MB'");
    await client.query('drop table if exists member_raw');
    await client.query('create table member_raw (like member)');
    let started = Date.now();
    await pipeline(createReadStream(file, { highWaterMark: 1 << 18 }), client.query(copyFrom(`copy member_raw (${MEMBER_COLUMNS.join(', ')}) from stdin`)));
    const copyMs = Date.now() - started;
    started = Date.now();
    await client.query(gist);
    const gistMs = Date.now() - started;
    started = Date.now();
    for (const index of others) await client.query(index);
    return { copyMs, gistMs, otherIndexesMs: Date.now() - started, otherIndexes: others.length };
  } finally {
    await client.query('reset maintenance_work_mem');
    await client.query('drop table if exists member_raw');
    client.release();
  }
}

/** The coverage analysis, run by the server's refresher after a load that left it to it (ms). */
async function refreshCoverage(db: Awaited<ReturnType<typeof openBenchDatabase>>): Promise<number> {
  const started = Date.now();
  if (!(await refreshCoverageIfStale(db.pool, 0))) throw new Error('the load left no coverage analysis to do');
  return Date.now() - started;
}

/**
 * `npm run bench -- load [members]`: the demo county with N members (default 1M): the loader
 * against raw COPY + index of the same member rows, both from the same rendered text (generation
 * excluded), and against row-by-row INSERT.
 */
export async function benchLoad(args: string[]): Promise<void> {
  const members = Number(args[0] ?? 1_000_000);
  const naiveSample = Math.min(10_000, members);
  const db = await openBenchDatabase();
  const file = path.join(tmpdir(), `redgrid-members-${process.pid}.copy`);
  try {
    const generateStarted = Date.now();
    const county = generateCounty({ seed: 20260701, members });
    await renderMembers(county, file);
    const generateMs = Date.now() - generateStarted;
    const raw = await rawCopy(db, file);
    const steps: Array<{ step: string; ms: number }> = [];
    let memberMs = 0;
    const client = await db.pool.connect();
    const summary = await loadCounty(
      client,
      county,
      (p) => {
        if (p.table === 'member' && p.done && p.phase !== 'index') memberMs = p.elapsedMs;
        if (p.phase === 'index') steps.push({ step: p.table, ms: p.elapsedMs });
      },
      { replace: true, deferCoverage: true, memberText: () => renderedRows(createReadStream(file, { highWaterMark: 1 << 18 })) },
    ).finally(() => client.release());
    const coverageMs = await refreshCoverage(db);
    const sample: MemberRow[] = [];
    for (const row of county.members.rows()) {
      sample.push(row);
      if (sample.length === naiveSample) break;
    }
    const naiveMs = await insertRowByRow(db, sample);
    const copyRate = perSecond(members, memberMs);
    const naiveRate = perSecond(naiveSample, naiveMs);
    const rawGistMs = raw.copyMs + raw.gistMs;
    const rawAllMs = rawGistMs + raw.otherIndexesMs;
    const ratio = (ms: number, baseline: number) => `${(ms / baseline).toFixed(2)}×`;
    const seconds = (ms: number) => `${(ms / 1000).toFixed(1)} s`;
    printReport(
      `Loading the demo county with ${thousands(members)} members`,
      [
        { step: 'generate county, render members as COPY text', time: seconds(generateMs), 'rows/s': '' },
        { step: `raw COPY of the member rows into a bare table`, time: seconds(raw.copyMs), 'rows/s': thousands(perSecond(members, raw.copyMs)) },
        { step: 'raw: GiST index on home', time: seconds(raw.gistMs), 'rows/s': '' },
        { step: `raw: the member table's ${raw.otherIndexes} other indexes (primary key, btrees)`, time: seconds(raw.otherIndexesMs), 'rows/s': '' },
        { step: `loader: COPY members (${thousands(members)})`, time: seconds(memberMs), 'rows/s': thousands(copyRate) },
        ...steps.map((s) => ({ step: `loader: ${s.step}`, time: seconds(s.ms), 'rows/s': '' })),
        { step: 'loader: whole county (all tables, derived tables, analyze; coverage left to the server)', time: seconds(summary.ms), 'rows/s': '' },
        { step: "coverage analysis after the load, as the server's refresher runs it", time: seconds(coverageMs), 'rows/s': '' },
        { step: `naive INSERT per row (${thousands(naiveSample)} sample)`, time: seconds(naiveMs), 'rows/s': thousands(naiveRate) },
      ],
      [
        `Whole load / (raw COPY + GiST index): ${ratio(summary.ms, rawGistMs)} (goal ≤ 2×)`,
        `Whole load / (raw COPY + all the member table's indexes): ${ratio(summary.ms, rawAllMs)} (goal ≤ 2×)`,
        `Whole load + coverage analysis / (raw COPY + GiST index): ${ratio(summary.ms + coverageMs, rawGistMs)}; / (raw COPY + all indexes): ${ratio(summary.ms + coverageMs, rawAllMs)}`,
        `COPY / row-by-row INSERT throughput: ${(copyRate / naiveRate).toFixed(1)}×`,
      ],
    );
  } finally {
    await rm(file, { force: true });
    await db.close();
  }
}

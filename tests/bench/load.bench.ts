import { createReadStream, createWriteStream } from 'node:fs';
import { rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { from as copyFrom } from 'pg-copy-streams';
import { generateCounty } from '../../geodata/county/index.ts';
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

/**
 * The baseline: the same rows by plain COPY into a bare copy of the member table (no
 * constraints, triggers or indexes), then the one GiST index nearby needs. Answers ms.
 */
async function rawCopy(db: Awaited<ReturnType<typeof openBenchDatabase>>, file: string): Promise<{ copyMs: number; indexMs: number }> {
  const client = await db.pool.connect();
  try {
    await client.query('set statement_timeout = 0');
    await client.query('drop table if exists member_raw');
    await client.query('create table member_raw (like member)');
    let started = Date.now();
    await pipeline(createReadStream(file, { highWaterMark: 1 << 18 }), client.query(copyFrom(`copy member_raw (${MEMBER_COLUMNS.join(', ')}) from stdin`)));
    const copyMs = Date.now() - started;
    started = Date.now();
    await client.query('create index on member_raw using gist (home)');
    return { copyMs, indexMs: Date.now() - started };
  } finally {
    await client.query('drop table if exists member_raw');
    client.release();
  }
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
      { replace: true, memberText: () => renderedRows(createReadStream(file, { highWaterMark: 1 << 18 })) },
    ).finally(() => client.release());
    const sample: MemberRow[] = [];
    for (const row of county.members.rows()) {
      sample.push(row);
      if (sample.length === naiveSample) break;
    }
    const naiveMs = await insertRowByRow(db, sample);
    const copyRate = perSecond(members, memberMs);
    const naiveRate = perSecond(naiveSample, naiveMs);
    const rawMs = raw.copyMs + raw.indexMs;
    const seconds = (ms: number) => `${(ms / 1000).toFixed(1)} s`;
    printReport(
      `Loading the demo county with ${thousands(members)} members`,
      [
        { step: 'generate county, render members as COPY text', time: seconds(generateMs), 'rows/s': '' },
        { step: `raw COPY of the member rows into a bare table`, time: seconds(raw.copyMs), 'rows/s': thousands(perSecond(members, raw.copyMs)) },
        { step: 'raw: GiST index on home', time: seconds(raw.indexMs), 'rows/s': '' },
        { step: `loader: COPY members (${thousands(members)})`, time: seconds(memberMs), 'rows/s': thousands(copyRate) },
        ...steps.map((s) => ({ step: `loader: ${s.step}`, time: seconds(s.ms), 'rows/s': '' })),
        { step: 'loader: whole county (all tables, derived tables, analyze)', time: seconds(summary.ms), 'rows/s': '' },
        { step: `naive INSERT per row (${thousands(naiveSample)} sample)`, time: seconds(naiveMs), 'rows/s': thousands(naiveRate) },
      ],
      [
        `Whole load / (raw COPY + index): ${(summary.ms / rawMs).toFixed(2)}× (goal ≤ 2×)`,
        `COPY / row-by-row INSERT throughput: ${(copyRate / naiveRate).toFixed(1)}×`,
      ],
    );
  } finally {
    await rm(file, { force: true });
    await db.close();
  }
}

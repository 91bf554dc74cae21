import { generateCounty } from '../../geodata/county/index.ts';
import type { MemberRow } from '../../geodata/county/types.ts';
import { loadCounty } from '../../geodata/load.ts';
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

/** `npm run bench -- load [members]`: the demo county with N members (default 1M) by COPY vs row-by-row INSERT. */
export async function benchLoad(args: string[]): Promise<void> {
  const members = Number(args[0] ?? 1_000_000);
  const naiveSample = Math.min(20_000, members);
  const db = await openBenchDatabase();
  try {
    const generateStarted = Date.now();
    const county = generateCounty({ seed: 20260701, members });
    const generateMs = Date.now() - generateStarted;
    let memberMs = 0;
    const client = await db.pool.connect();
    const summary = await loadCounty(
      client,
      county,
      (p) => {
        if (p.table === 'member' && p.done && p.phase !== 'index') memberMs = p.elapsedMs;
      },
      { replace: true },
    ).finally(() => client.release());
    const sample: MemberRow[] = [];
    for (const row of county.members.rows()) {
      sample.push(row);
      if (sample.length === naiveSample) break;
    }
    const naiveMs = await insertRowByRow(db, sample);
    const copyRate = perSecond(members, memberMs);
    const naiveRate = perSecond(naiveSample, naiveMs);
    printReport(
      `Loading the demo county with ${thousands(members)} members`,
      [
        { step: 'generate county (streamed members)', time: `${(generateMs / 1000).toFixed(1)} s`, 'rows/s': '' },
        { step: `COPY members (${thousands(members)})`, time: `${(memberMs / 1000).toFixed(1)} s`, 'rows/s': thousands(copyRate) },
        { step: 'whole load incl. index rebuild', time: `${(summary.ms / 1000).toFixed(1)} s`, 'rows/s': '' },
        { step: `naive INSERT per row (${thousands(naiveSample)} sample)`, time: `${(naiveMs / 1000).toFixed(1)} s`, 'rows/s': thousands(naiveRate) },
      ],
      [`COPY / row-by-row INSERT throughput: ${(copyRate / naiveRate).toFixed(1)}×`],
    );
  } finally {
    await db.close();
  }
}

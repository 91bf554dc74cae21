import type { AddressInfo } from 'node:net';
import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import iconv from 'iconv-lite';
import type pg from 'pg';
import { from as copyFrom } from 'pg-copy-streams';
import seedrandom from 'seedrandom';
import { createApp } from '../../server/src/app.ts';
import type { ImportAccepted, ImportJob, ImportReport } from '../../server/src/contract/registry-files.ts';
import { createHttpServer } from '../../server/src/http/server.ts';
import { createLogger } from '../../server/src/logger.ts';
import { signInAs, type ApiClient } from '../support/api-client.ts';
import { openBenchDatabase } from './bench-database.ts';
import { ensureMembers } from './bench-support.ts';
import { printReport, thousands } from './report.ts';

const rows = 100_000;
const county = '510703000000';

type Org = { id: number; name: string; area_code: string; lng: number; lat: number };
type Row = { name: string; gender: string; birth: number; org: Org; lng: number; lat: number; phone: string; skills: string; joined: string };

/** 100,000 new members of the county's open organizations, one in a hundred broken in one of four ways. */
function memberRows(orgs: Org[]): { csv: string; good: Row[]; bad: number; badLines: Array<[number, string]> } {
  const random = seedrandom('registry-import');
  const header = '姓名,性别,出生年份,所在组织编号,经度,纬度,手机,技能,在职,流动,可调度,入党日期';
  const lines = [header];
  const good: Row[] = [];
  let bad = 0;
  // each broken row's line in the file (the header is line 1) and the column broken
  const badLines: Array<[number, string]> = [];
  for (let i = 0; i < rows; i += 1) {
    const org = orgs[Math.floor(random() * orgs.length)]!;
    const row: Row = {
      name: `导入党员${i}`,
      gender: random() < 0.5 ? '男' : '女',
      birth: 1950 + Math.floor(random() * 50),
      org,
      lng: org.lng + (random() - 0.5) * 0.01,
      lat: org.lat + (random() - 0.5) * 0.01,
      phone: `13${String(Math.floor(random() * 1e9)).padStart(9, '0')}`,
      skills: random() < 0.3 ? '"医疗;法律"' : '',
      joined: `${2000 + Math.floor(random() * 20)}-07-01`,
    };
    const cells = [
      row.name,
      row.gender,
      String(row.birth),
      String(org.id),
      row.lng.toFixed(7),
      row.lat.toFixed(7),
      row.phone,
      row.skills,
      '否',
      '否',
      '是',
      row.joined,
    ];
    if (i % 100 === 50) {
      bad += 1;
      const kind = ((i / 100) % 4) | 0;
      const broken = ([6, 3, 1, 11] as const)[kind]!;
      cells[broken] = ['1234', '999999999', '未知', '2021-02-30'][kind]!;
      badLines.push([i + 2, header.split(',')[broken]!]);
    } else good.push(row);
    lines.push(cells.join(','));
  }
  return { csv: `${lines.join('\r\n')}\r\n`, good, bad, badLines };
}

/** What a run added (the members and their history), on a connection without the pool's statement timeout. */
async function removeImported(pool: pg.Pool): Promise<void> {
  const client = await pool.connect();
  try {
    await client.query('set statement_timeout = 0');
    await client.query(`delete from registry_history where subject_kind = 'member' and subject_id in (select id from member where name like '导入党员%')`);
    await client.query(`delete from member where name like '导入党员%'`);
  } finally {
    client.release();
  }
}

async function upload<T>(client: ApiClient, query: string, body: Buffer): Promise<{ status: number; body: T }> {
  const res = await fetch(`${client.baseUrl}/api/v1/registry/imports?${query}`, {
    method: 'POST',
    headers: { cookie: client.cookie, 'x-csrf-token': client.csrfToken, 'content-type': 'text/csv' },
    body: new Uint8Array(body),
  });
  return { status: res.status, body: (await res.json()) as T };
}

async function until(client: ApiClient, id: number): Promise<ImportJob> {
  for (;;) {
    const job = (await client.getJson<ImportJob>(`/api/v1/registry/imports/${id}`)).body;
    if (job.status !== 'running') return job;
    await new Promise((r) => setTimeout(r, 50));
  }
}

/**
 * `npm run bench -- registry-import [members]`: a 100,000-row member CSV in GBK with 1 % bad rows
 * through the HTTP API on the bench database (the county loaded with `members`, default 100,000):
 * the dry run, then good_rows until its job is done, against a raw COPY of the same good rows into
 * member (the naive lower bound: no validation, no history, no audit). Everything it adds is
 * removed again, so runs repeat.
 */
export async function benchRegistryImport(args: string[]): Promise<void> {
  const db = await openBenchDatabase();
  const log = createLogger('warn');
  try {
    await removeImported(db.pool);
    await ensureMembers(db, Number(args[0] ?? 100_000));
    const { rows: orgs } = await db.pool.query<Org>(
      `select o.id::float8 as id, o.name, o.area_code, st_x(st_pointonsurface(a.geom)) as lng, st_y(st_pointonsurface(a.geom)) as lat
       from org o join area a on a.code = o.area_code where o.closed_on is null order by o.id`,
    );
    const file = memberRows(orgs);
    const gbk = iconv.encode(file.csv, 'gbk');

    const app = createApp({ db: db.pool, log });
    const server = createHttpServer(app).listen(0, '127.0.0.1');
    await new Promise<void>((resolve) => server.once('listening', resolve));
    const baseUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
    const admin = await signInAs(baseUrl, db.pool, 'admin', county);

    const dryStarted = performance.now();
    const dry = await upload<ImportReport>(admin, 'entity=members&mode=dry_run', gbk);
    const dryMs = performance.now() - dryStarted;
    if (dry.status !== 200 || dry.body.bad_rows !== file.bad || dry.body.good !== file.good.length) {
      throw new Error(`dry run: ${dry.status} ${JSON.stringify(dry.body).slice(0, 300)}`);
    }
    // exactly the broken rows, each at its line and column
    const listed = JSON.stringify(dry.body.bad.map((p) => [p.line, p.column]));
    if (listed !== JSON.stringify(file.badLines)) throw new Error(`dry run listed other rows than the broken ones: ${listed.slice(0, 300)}`);

    const importStarted = performance.now();
    const started = await upload<ImportAccepted>(admin, 'entity=members&mode=good_rows', gbk);
    const acceptedMs = performance.now() - importStarted;
    const job = await until(admin, started.body.import.id);
    const importMs = performance.now() - importStarted;
    if (job.status !== 'done' || job.created !== file.good.length) throw new Error(`import: ${JSON.stringify(job).slice(0, 300)}`);
    await removeImported(db.pool);

    // the naive lower bound: the same good rows copied straight into member, triggers and all
    const client = await db.pool.connect();
    let copyMs: number;
    try {
      await client.query('begin');
      const copyStarted = performance.now();
      const text = (v: string) => v.replace(/[\\\t\n\r]/g, ' ');
      const lines = file.good.map(
        (r) =>
          `${county}\t${text(r.name)}\t${r.gender === '男' ? 'male' : 'female'}\t${r.birth}\t${r.org.id}\tSRID=4326;POINT(${r.lng} ${r.lat})\t${r.phone}\t{${r.skills ? '医疗,法律' : ''}}\tf\tf\tt\t${r.joined}\n`,
      );
      await pipeline(
        Readable.from(lines),
        client.query(
          copyFrom('copy member (county_code, name, gender, birth_year, org_id, home, phone, skills, in_service, mobile, available, joined_on) from stdin'),
        ),
      );
      copyMs = performance.now() - copyStarted;
      await client.query('rollback');
    } finally {
      client.release();
    }
    server.closeAllConnections();
    await new Promise<void>((resolve) => server.close(() => resolve()));

    const s = (ms: number) => `${(ms / 1000).toFixed(2)} s`;
    printReport(
      `registry-import · ${thousands(rows)} rows, GBK, ${thousands(file.bad)} bad (${((file.bad / rows) * 100).toFixed(0)} %), ${(gbk.length / 2 ** 20).toFixed(1)} MB`,
      [
        { step: 'dry run (read, validate, report), HTTP end to end', time: s(dryMs), 'rows/s': thousands(Math.round(rows / (dryMs / 1000))) },
        { step: 'good_rows: validated again and answered 202', time: s(acceptedMs), 'rows/s': '' },
        {
          step: 'good_rows: until the job is done (validation + writes + history + audit)',
          time: s(importMs),
          'rows/s': thousands(Math.round(rows / (importMs / 1000))),
        },
        {
          step: 'raw COPY of the same good rows into member (lower bound)',
          time: s(copyMs),
          'rows/s': thousands(Math.round(file.good.length / (copyMs / 1000))),
        },
        { step: 'good_rows ÷ raw COPY', time: `${(importMs / copyMs).toFixed(1)} ×`, 'rows/s': '' },
      ],
    );
  } finally {
    await db.close();
  }
}

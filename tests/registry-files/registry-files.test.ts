import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import gcoord from 'gcoord';
import iconv from 'iconv-lite';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ImportAccepted, ImportJob, ImportRefusal, ImportReport } from '../../server/src/contract/registry-files.ts';
import { holdImportLock } from '../../server/src/registry-files/job.queries.ts';
import { signInAs, type ApiClient } from '../support/api-client.ts';
import { usePrivateDatabase } from '../support/database.ts';
import { startTestServer, type TestServer } from '../support/test-server.ts';

/**
 * Registry files on the real database: CSV in UTF-8 with a BOM and in GBK, a dry run that lists
 * exactly the bad rows and writes nothing, `all` refused on a bad file, the good rows imported with
 * history and one audit record, GCJ-02 and BD-09 converted, addresses matched to buildings,
 * exports that open in Excel and GDAL and re-import to no change, and a secretary's scope.
 */
const ctx = usePrivateDatabase('registry_files');
let server: TestServer;
let admin: ApiClient;
let org: { id: number; name: string; area_code: string; lng: number; lat: number };
let work: string;

beforeAll(async () => {
  server = await startTestServer(ctx.url, undefined, { workers: false });
  admin = server.admin;
  const { rows } = await ctx.db.query<typeof org>(
    `select o.id::float8 as id, o.name, o.area_code, st_x(st_centroid(a.geom)) as lng, st_y(st_centroid(a.geom)) as lat
     from org o join area a on a.code = o.area_code
     where o.closed_on is null and a.level = 'community' and (select count(*) from org x where x.name = o.name) = 1
     order by o.id limit 1`,
  );
  org = rows[0]!;
  work = mkdtempSync(path.join(tmpdir(), 'registry-files-'));
});
afterAll(async () => {
  await server.close();
  rmSync(work, { recursive: true, force: true });
});

async function upload<T>(caller: ApiClient, query: string, body: Buffer | string) {
  const res = await fetch(`${server.baseUrl}/api/v1/registry/imports?${query}`, {
    method: 'POST',
    headers: { cookie: caller.cookie, 'x-csrf-token': caller.csrfToken, 'content-type': 'text/csv' },
    body: typeof body === 'string' ? body : new Uint8Array(body),
  });
  return { status: res.status, body: (await res.json()) as T };
}

async function finished(caller: ApiClient, id: number): Promise<ImportJob> {
  for (let i = 0; i < 600; i += 1) {
    const job = await caller.getJson<ImportJob>(`/api/v1/registry/imports/${id}`);
    expect(job.status).toBe(200);
    if (job.body.status !== 'running') return job.body;
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error(`import ${id} did not finish`);
}

async function counts() {
  const { rows } = await ctx.db.query<{ member: number; history: number; audit: number; org: number; place: number }>(
    `select (select count(*) from member)::int as member, (select count(*) from registry_history)::int as history,
            (select count(*) from audit_log where action = 'registry.import')::int as audit,
            (select count(*) from org)::int as org, (select count(*) from place)::int as place`,
  );
  return rows[0]!;
}

const header = 'name,gender,birth_year,org_id,lng,lat,phone,skills,in_service,mobile,available,joined_on';

/** `n` new members of `org`, each a little apart; the rows in `bad` broken in a way the line says. */
function memberFile(n: number, bad: Map<number, string> = new Map()): string {
  const lines = [header];
  for (let i = 0; i < n; i += 1) {
    const cells = [
      `测试党员${i}`,
      i % 2 ? '女' : '男',
      String(1960 + (i % 40)),
      String(org.id),
      (org.lng + i * 1e-5).toFixed(7),
      org.lat.toFixed(7),
      `139${String(i).padStart(8, '0')}`,
      '"医疗;法律"',
      'false',
      '否',
      '是',
      '2001-07-01',
    ];
    const broken = bad.get(i);
    if (broken === 'phone') cells[6] = '12345';
    if (broken === 'org') cells[3] = '999999999';
    if (broken === 'gender') cells[1] = '未知';
    lines.push(cells.join(','));
  }
  return `${lines.join('\r\n')}\r\n`;
}

describe('reading files', () => {
  it('reads UTF-8 with a BOM and Chinese headers, and GBK', async () => {
    const text = `姓名,性别,所在组织,经度,纬度,手机\r\n张三,男,${org.name},${org.lng},${org.lat},13800000001\r\n"李,四",女,${org.name},${org.lng},${org.lat},13800000002\r\n`;
    const bom = await upload<ImportReport>(admin, 'entity=members&mode=dry_run', Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(text)]));
    expect(bom.status).toBe(200);
    expect(bom.body).toMatchObject({ rows: 2, good: 2, bad: [], encoding: 'utf-8' });
    const gbk = await upload<ImportReport>(admin, 'entity=members&mode=dry_run', iconv.encode(text, 'gbk'));
    expect(gbk.body).toMatchObject({ rows: 2, good: 2, bad: [], encoding: 'gbk' });
  });

  it('reports a quoted cell with a line break at the line its row starts on', async () => {
    const text = `${header}\r\n"多行\r\n姓名",男,1970,${org.id},${org.lng},${org.lat},12,,,,,\r\n`;
    const dry = await upload<ImportReport>(admin, 'entity=members&mode=dry_run', text);
    expect(dry.body.bad).toEqual([
      { line: 2, column: 'name', code: 'invalid_value', message: expect.stringContaining('control') },
      { line: 2, column: 'phone', code: 'invalid_value', message: expect.stringContaining('mobile') },
    ]);
  });

  it('refuses a file of another entity whole', async () => {
    const dry = await upload<ImportReport>(
      admin,
      'entity=members&mode=dry_run',
      'kind,name,tier,area_code,lng,lat\r\nservice_station,站,town,510703001000,104,31\r\n',
    );
    expect(dry.body.good).toBe(0);
    expect(dry.body.bad.map((p) => p.code)).toContain('unknown_column');
  });
});

describe('a 1 % bad file', () => {
  const bad = new Map([
    [17, 'phone'],
    [120, 'org'],
    [333, 'gender'],
  ]);
  const file = () => memberFile(400, bad);

  it('dry run lists exactly the bad rows with line, column and reason, and writes nothing', async () => {
    const before = await counts();
    const dry = await upload<ImportReport>(admin, 'entity=members&mode=dry_run', file());
    expect(dry.status).toBe(200);
    expect(dry.body).toMatchObject({ rows: 400, good: 397, bad_rows: 3 });
    expect(dry.body.bad.map((p) => [p.line, p.column, p.code])).toEqual([
      [19, 'phone', 'invalid_value'],
      [122, 'org_id', 'not_in_scope'],
      [335, 'gender', 'invalid_value'],
    ]);
    expect(await counts()).toEqual(before);
  });

  it('`all` answers 422 with the report and writes nothing', async () => {
    const before = await counts();
    const all = await upload<ImportRefusal>(admin, 'entity=members&mode=all', file());
    expect(all.status).toBe(422);
    expect(all.body.error.code).toBe('import_has_errors');
    expect(all.body.report.bad).toHaveLength(3);
    expect(await counts()).toEqual(before);
  });

  it('good_rows imports the rest with a history row each and one audit record', async () => {
    const before = await counts();
    const started = await upload<ImportAccepted>(admin, 'entity=members&mode=good_rows', file());
    expect(started.status).toBe(202);
    const job = await finished(admin, started.body.import.id);
    expect(job).toMatchObject({ status: 'done', rows: 400, processed: 397, created: 397, updated: 0, skipped: 3 });
    const after = await counts();
    expect(after.member - before.member).toBe(397);
    expect(after.history - before.history).toBe(397);
    expect(after.audit - before.audit).toBe(1);
    const { rows } = await ctx.db.query(`select count(*)::int as n from registry_history where detail->>'import' = $1 and action = 'created'`, [
      String(job.id),
    ]);
    expect(rows[0].n).toBe(397);
    const member = await ctx.db.query(`select skills, mobile, available, county_code from member where name = '测试党员18'`);
    expect(member.rows[0]).toMatchObject({ skills: ['医疗', '法律'], mobile: false, available: true, county_code: `${org.area_code.slice(0, 6)}000000` });
  });
});

describe('coordinates', () => {
  async function landed(name: string): Promise<number> {
    const { rows } = await ctx.db.query<{ d: number }>(
      `select st_distance(home::geography, st_setsrid(st_makepoint($2, $3), 4326)::geography) as d from member where name = $1`,
      [name, org.lng, org.lat],
    );
    return rows[0]!.d;
  }

  for (const crs of ['gcj02', 'bd09'] as const) {
    it(`converts ${crs} to within 1 m of the WGS-84 truth`, async () => {
      const [x, y] = gcoord.transform([org.lng, org.lat], gcoord.WGS84, crs === 'gcj02' ? gcoord.GCJ02 : gcoord.BD09) as [number, number];
      const name = `坐标${crs}`;
      const started = await upload<ImportAccepted>(
        admin,
        `entity=members&mode=all&crs=${crs}`,
        `name,gender,org_id,lng,lat\r\n${name},男,${org.id},${x},${y}\r\n`,
      );
      expect(started.status).toBe(202);
      expect((await finished(admin, started.body.import.id)).status).toBe('done');
      expect(await landed(name)).toBeLessThan(1);
    });
  }

  it('places a member at the building an address names, and reports an unknown address', async () => {
    const { rows } = await ctx.db.query<{ name: string; lng: number; lat: number }>(
      `select b.name, st_x(st_pointonsurface(b.geom)) as lng, st_y(st_pointonsurface(b.geom)) as lat
       from building b where (select count(*) from building x where x.name = b.name) = 1 order by b.id limit 1`,
    );
    const building = rows[0]!;
    const text = `name,gender,org_id,address\r\n住址党员,女,${org.id},${building.name}\r\n无名党员,男,${org.id},不存在的楼\r\n`;
    const dry = await upload<ImportReport>(admin, 'entity=members&mode=dry_run', text);
    expect(dry.body.bad).toEqual([{ line: 3, column: 'address', code: 'unmatched_address', message: expect.any(String) }]);
    const started = await upload<ImportAccepted>(admin, 'entity=members&mode=good_rows', text);
    await finished(admin, started.body.import.id);
    const home = await ctx.db.query(`select st_x(home) as lng, st_y(home) as lat from member where name = '住址党员'`);
    expect(home.rows[0].lng).toBeCloseTo(building.lng, 9);
    expect(home.rows[0].lat).toBeCloseTo(building.lat, 9);
  });
});

describe('exports', () => {
  for (const entity of ['members', 'orgs', 'places'] as const) {
    it(`${entity}: the CSV opens with the BOM and re-imports to the same records, with no change`, async () => {
      const filter = entity === 'members' ? `org=${org.id}&status=all` : `area=${org.area_code.slice(0, 9)}000&status=all`;
      const res = await admin.get(`/api/v1/registry/exports/${entity}.csv?${filter}`);
      expect(res.status).toBe(200);
      const bytes = Buffer.from(await res.arrayBuffer());
      expect([...bytes.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
      expect(bytes.toString('utf8')).toContain('\r\n');
      const rows = bytes.toString('utf8').trimEnd().split('\r\n').length - 1;
      expect(rows).toBeGreaterThan(0);
      const before = await counts();
      const started = await upload<ImportAccepted>(admin, `entity=${entity}&mode=all`, bytes);
      expect(started.status, JSON.stringify(started.body).slice(0, 500)).toBe(202);
      const job = await finished(admin, started.body.import.id);
      expect(job).toMatchObject({ status: 'done', created: 0, updated: 0, unchanged: job.rows, skipped: 0 });
      const after = await counts();
      expect({ ...after, audit: 0 }).toEqual({ ...before, audit: 0 });
    });
  }

  it('exports exactly the members the list shows for the same filters', async () => {
    const filters = `area=${org.area_code.slice(0, 9)}000&stars=4,5&available=true&in_service=false`;
    const listed: number[] = [];
    let after: number | null = null;
    do {
      const page: { members: Array<{ id: number }>; next_after: number | null } = (
        await admin.getJson<{ members: Array<{ id: number }>; next_after: number | null }>(
          `/api/v1/members?${filters.replace(/^area=\d+&/, '')}&limit=500${after ? `&after=${after}` : ''}`,
        )
      ).body;
      listed.push(...page.members.map((m) => m.id));
      after = page.next_after;
    } while (after);
    const geojson = (await admin.getJson<{ features: Array<{ properties: { id: number } }> }>(`/api/v1/registry/exports/members.geojson?${filters}`)).body;
    const exported = geojson.features.map((f) => Number(f.properties.id));
    expect(exported.length).toBeGreaterThan(0);
    // the list has no area filter: the export's town is a part of the county admin's list
    expect(exported.every((id) => listed.includes(id))).toBe(true);
    const inTown = (
      await ctx.db.query<{ id: number }>(
        `select id::int from member where org_area_code like $1 and stars >= 4 and available and not in_service and left_on is null order by id`,
        [`${org.area_code.slice(0, 9)}%`],
      )
    ).rows.map((r) => r.id);
    expect(exported.sort((a, b) => a - b)).toEqual(inTown);
  });

  it('records every export in the audit log with its count and filters', async () => {
    const res = await admin.get(`/api/v1/registry/exports/members.csv?org=${org.id}`);
    expect(res.status).toBe(200);
    const { rows } = await ctx.db.query(`select detail from audit_log where action = 'registry.export' order by id desc limit 1`);
    expect(rows[0].detail).toMatchObject({ entity: 'members', format: 'csv', filters: { org: org.id } });
  });

  it('neutralizes a cell that would start a formula, and reads it back as it was', async () => {
    const started = await upload<ImportAccepted>(
      admin,
      'entity=members&mode=all',
      `name,gender,org_id,lng,lat\r\n=cmd|' /C calc'!A0,男,${org.id},${org.lng},${org.lat}\r\n`,
    );
    expect(started.status).toBe(202);
    await finished(admin, started.body.import.id);
    const csv = await (await admin.get(`/api/v1/registry/exports/members.csv?org=${org.id}&q=cmd`)).text();
    expect(csv).toContain(`'=cmd|' /C calc'!A0`);
    expect(csv).not.toMatch(/(^|,)=cmd/m);
  });

  it('answers GeoJSON that ogrinfo opens as points in WGS 84', async () => {
    const res = await admin.get(`/api/v1/registry/exports/members.geojson?org=${org.id}`);
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toContain('application/geo+json');
    const file = path.join(work, 'members.geojson');
    writeFileSync(file, Buffer.from(await res.arrayBuffer()));
    const summary = execFileSync('ogrinfo', ['-al', '-so', file], { encoding: 'utf8' });
    expect(summary).toMatch(/Geometry: Point/);
    expect(summary).toMatch(/WGS 84/);
    expect(summary).toMatch(/name: String/);
  });
});

describe('scope', () => {
  it('a secretary importing a member into an organization outside their scope gets a bad row, and nothing is written', async () => {
    const { rows } = await ctx.db.query<{ code: string }>(
      `select a.code from area a where a.level = 'community' and a.code <> $1 and substr(a.code, 1, 9) <> substr($1, 1, 9) order by a.code limit 1`,
      [org.area_code],
    );
    const secretary = await signInAs(server.baseUrl, ctx.db, 'secretary', rows[0]!.code);
    const text = `name,gender,org_id,lng,lat\r\n越权党员,男,${org.id},${org.lng},${org.lat}\r\n`;
    const before = await counts();
    const dry = await upload<ImportReport>(secretary, 'entity=members&mode=dry_run', text);
    expect(dry.body.bad).toEqual([{ line: 2, column: 'org_id', code: 'not_in_scope', message: `No organization ${org.id} in your scope` }]);
    const all = await upload<ImportRefusal>(secretary, 'entity=members&mode=all', text);
    expect(all.status).toBe(422);
    expect(await counts()).toEqual(before);
  });

  it('a secretary re-imports their organizations unchanged, though the top one’s parent is above their scope', async () => {
    const secretary = await signInAs(server.baseUrl, ctx.db, 'secretary', org.area_code);
    const res = await secretary.get('/api/v1/registry/exports/orgs.csv');
    expect(res.status).toBe(200);
    const csv = Buffer.from(await res.arrayBuffer());
    const before = await counts();
    const started = await upload<ImportAccepted>(secretary, 'entity=orgs&mode=all', csv);
    expect(started.status, JSON.stringify(started.body).slice(0, 400)).toBe(202);
    const job = await finished(secretary, started.body.import.id);
    expect(job).toMatchObject({ status: 'done', created: 0, updated: 0, unchanged: job.rows });
    expect((await counts()).history).toBe(before.history);
  });

  it('answers an import lost with a stopped server as failed, and one still being written as running', async () => {
    const me = [{ id: (await admin.getJson<{ user: { id: number } }>('/api/v1/auth/me')).body.user.id }];
    const lost = (
      await ctx.db.query<{ id: number }>(
        `insert into registry_import (entity, mode, status, rows, actor_id, started_at) values ('members', 'all', 'running', 3, $1, now() - interval '2 minutes') returning id::int`,
        [me[0]!.id],
      )
    ).rows[0]!.id;
    const held = (
      await ctx.db.query<{ id: number }>(
        `insert into registry_import (entity, mode, status, rows, actor_id, started_at) values ('members', 'all', 'running', 3, $1, now() - interval '2 minutes') returning id::int`,
        [me[0]!.id],
      )
    ).rows[0]!.id;
    // an import still writing holds its lock in its transaction
    const writer = await ctx.db.connect();
    try {
      await writer.query('begin');
      await holdImportLock(writer, held);
      expect((await admin.getJson<ImportJob>(`/api/v1/registry/imports/${held}`)).body).toMatchObject({ status: 'running' });
    } finally {
      await writer.query('rollback');
      writer.release();
    }
    const answer = await admin.getJson<ImportJob>(`/api/v1/registry/imports/${lost}`);
    expect(answer.body).toMatchObject({ status: 'failed', error: expect.stringContaining('interrupted') });
  });

  it('answers another caller’s import as not found', async () => {
    const dry = await upload<ImportReport>(admin, 'entity=members&mode=dry_run', memberFile(1));
    expect(dry.status).toBe(200);
    const { rows } = await ctx.db.query(`select max(id)::int as id from registry_import`);
    const other = await signInAs(server.baseUrl, ctx.db, 'admin', org.area_code.slice(0, 6) + '000000');
    expect((await other.getJson(`/api/v1/registry/imports/${rows[0].id}`)).status).toBe(404);
    expect((await admin.getJson(`/api/v1/registry/imports/${rows[0].id}`)).status).toBe(200);
  });
});

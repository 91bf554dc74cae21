import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { usePrivateDatabase } from '../support/database.ts';
import { startTestServer, type TestServer } from '../support/test-server.ts';
import { areaPanelCases } from './cases/area-panel.cases.ts';
import { bodyCases } from './cases/bodies.cases.ts';
import { credentialCases } from './cases/credentials.cases.ts';
import { memberRegistryCases } from './cases/members.cases.ts';
import { newOrgCases } from './cases/new-orgs.cases.ts';
import { pathCases } from './cases/paths.cases.ts';
import { governanceFileCases, planFileCases } from './cases/plan-files.cases.ts';
import { orgCases } from './cases/orgs.cases.ts';
import { planCases } from './cases/plans.cases.ts';
import { placeCases } from './cases/places.cases.ts';
import { queryCases } from './cases/queries.cases.ts';
import { registryFileCases } from './cases/registry-files.cases.ts';
import { regionalCases } from './cases/regional.cases.ts';
import { wishCases } from './cases/wishes.cases.ts';
import { methodCases, surfaceCases } from './cases/surfaces.cases.ts';
import { beltCases } from './cases/belts.cases.ts';
import { watchedTables, type HostileCase, type WatchedTable } from './hostile-case.ts';
import { buildHostileContext, type HostileContext } from './hostile-context.ts';
import { rawRequest } from './raw-request.ts';

/**
 * The hostile-input suite: table-driven requests a careless client or an attacker sends. Each case
 * names its status (4xx, or 2xx where the input is fine), its stable error code, and the rows it
 * may add; no case may answer 5xx or change any other row. Every OpenAPI operation has cases: a
 * new endpoint adds its own to the tables in cases/.
 */
const database = usePrivateDatabase('hostile');
let server: TestServer;
let ctx: HostileContext;

const tables: Array<[string, (c: HostileContext) => HostileCase[]]> = [
  ['path parameters', pathCases],
  ['query strings', queryCases],
  ['request bodies', bodyCases],
  ['grid plans', planCases],
  ['grid plan files', planFileCases],
  ['governance grid layers', governanceFileCases],
  ['registry files', registryFileCases],
  ['credentials and roles', credentialCases],
  ['method confusion', methodCases],
  ['tiles, live stream, member links, static paths and framing', surfaceCases],
  ['organizations', orgCases],
  ['service positions', placeCases],
  ['the member registry', memberRegistryCases],
  ['the area panel', areaPanelCases],
  ['new-type organizations', newOrgCases],
  ['regional Party building', regionalCases],
  ['micro-wishes', wishCases],
  ['model belts', beltCases],
];

beforeAll(async () => {
  // no background workers: they would change outbox and coverage rows under the counts
  server = await startTestServer(database.url, undefined, { workers: false });
  ctx = await buildHostileContext(server);
});
afterAll(async () => {
  await server.close();
});

type Counts = Record<WatchedTable, number>;

async function counts(): Promise<Counts> {
  const columns = watchedTables.map((t) => `(select count(*) from "${t}")::int as "${t}"`).join(', ');
  return (await server.db.query<Counts>(`select ${columns}`)).rows[0]!;
}

/** The tables whose count differs from `before` plus the expected changes. */
function unexpected(before: Counts, after: Counts, expected: Partial<Counts>): string[] {
  return watchedTables
    .filter((t) => after[t] !== before[t] + (expected[t] ?? 0))
    .map((t) => `${t} ${before[t]} → ${after[t]} (expected ${before[t] + (expected[t] ?? 0)})`);
}

const safeMethods = new Set(['GET', 'HEAD']);

async function send(c: HostileCase) {
  const headers: Record<string, string> = { ...ctx.callers[c.as ?? 'admin'] };
  let body = c.body;
  if (c.json !== undefined) {
    headers['content-type'] = 'application/json';
    body = JSON.stringify(c.json);
  }
  Object.assign(headers, c.headers);
  return rawRequest(server.baseUrl, { method: c.method ?? 'GET', path: c.path, headers, body, headersOnly: c.headersOnly });
}

/** What is wrong with the answer to one case, or nothing. */
function judge(c: HostileCase, answer: Awaited<ReturnType<typeof send>>): string | undefined {
  const statusOk = c.status === '2xx' ? answer.status >= 200 && answer.status < 300 : answer.status === c.status;
  if (!statusOk) return `answered ${answer.status} ${answer.code ?? ''}, expected ${c.status} ${c.code ?? ''}: ${answer.text.slice(0, 200)}`;
  if (typeof c.status === 'number' && c.status >= 400 && c.code === undefined) return 'a refusal must name its error code (or null)';
  if (c.code && answer.code !== c.code) return `answered code ${answer.code}, expected ${c.code}: ${answer.text.slice(0, 200)}`;
  return c.check?.(answer);
}

/**
 * Runs a table in order. Reads are batched: the counts are compared before each write and at the
 * end, against the changes the reads declare; each write is counted on its own.
 */
async function runTable(cases: HostileCase[]): Promise<string[]> {
  const failures: string[] = [];
  let baseline = await counts();
  let pending: Partial<Counts> = {};
  let pendingNames: string[] = [];
  const settle = async () => {
    const now = await counts();
    const wrong = unexpected(baseline, now, pending);
    if (wrong.length) failures.push(`rows changed during reads [${pendingNames.join('; ')}]: ${wrong.join(', ')}`);
    baseline = now;
    pending = {};
    pendingNames = [];
  };
  for (const c of cases) {
    const write = !safeMethods.has(c.method ?? 'GET');
    if (write) await settle();
    const answer = await send(c);
    const problem = answer.status >= 500 ? `answered ${answer.status}: ${answer.text.slice(0, 300)}` : judge(c, answer);
    if (problem) failures.push(`${c.name}: ${problem}`);
    if (write) {
      const now = await counts();
      const wrong = unexpected(baseline, now, c.changes ?? {});
      if (wrong.length) failures.push(`${c.name}: rows changed: ${wrong.join(', ')}`);
      baseline = now;
    } else {
      for (const [t, n] of Object.entries(c.changes ?? {})) pending[t as WatchedTable] = (pending[t as WatchedTable] ?? 0) + n;
      pendingNames.push(c.name);
    }
  }
  await settle();
  return failures;
}

describe('hostile input', () => {
  for (const [name, build] of tables) {
    it(`${name}: every case answers its status and code, none 5xx, and no row changes it does not declare`, async () => {
      expect(await runTable(build(ctx))).toEqual([]);
    });
  }

  it('has at least 300 cases, and a case for every operation in the OpenAPI document', async () => {
    const all = tables.flatMap(([, build]) => build(ctx));
    expect(all.length).toBeGreaterThanOrEqual(300);
    const { text } = await rawRequest(server.baseUrl, { path: '/api/openapi.json' });
    const document = JSON.parse(text) as { paths: Record<string, Record<string, unknown>> };
    const operations = Object.entries(document.paths).flatMap(([path, methods]) => Object.keys(methods).map((m) => `${m.toUpperCase()} ${path}`));
    const covered = new Set(all.map((c) => c.endpoint));
    expect(operations.filter((o) => !covered.has(o))).toEqual([]);
    // a case aimed at an operation the document does not list is a typo or a stale case
    expect([...covered].filter((e) => e !== null && !operations.includes(e))).toEqual([]);
  });
});

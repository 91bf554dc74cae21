import { randomUUID } from 'node:crypto';
import { memberLinkFor, linkKey } from '../../server/src/member-link/member-link.ts';
import { signInAs, wallClient } from '../support/api-client.ts';
import { openBenchDatabase } from './bench-database.ts';
import { ensureMembers, startServer } from './bench-support.ts';
import { endpointTable, getAnswer, rssMb, Tally, tileOf } from './http-mix.ts';
import { printReport, thousands } from './report.ts';

/**
 * `npm run bench -- soak [minutes] [members] [clients]`: the server as `npm start` runs it, under
 * mixed reads (tiles, locate, nearby, stats) and writes (cases, dispatches, members' answers) from
 * `clients` closed loops, as fast as the machine goes, for 10 minutes by default. Prints answers
 * by status, p50/p99 per endpoint, the acknowledged writes missing afterwards, and the server's
 * memory at minute 1 against the end.
 */
const county = '510703000000';
const pause = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

export async function benchSoak(args: string[]): Promise<void> {
  const minutes = Number(args[0] ?? 10);
  const members = Number(args[1] ?? 63_636);
  const clients = Number(args[2] ?? 16);
  const db = await openBenchDatabase();
  await ensureMembers(db, members);
  const server = await startServer(db.url);
  const dispatcher = await signInAs(server.baseUrl, db.pool, 'dispatcher', county);
  const wall = await wallClient(server.baseUrl, db.pool, county);
  const key = await linkKey(db.pool);
  const { rows } = await db.pool.query<{ p: [number, number] }>(
    "select array[st_x(st_pointonsurface(geom)), st_y(st_pointonsurface(geom))] as p from area where level in ('community', 'village') order by code",
  );
  const points = rows.map((r) => r.p);
  const tally = new Tally();
  const acknowledgedCases = new Map<string, number>();
  const acknowledgedAnswers: Array<{ dispatchId: number; memberId: number }> = [];
  let running = true;
  let n = 0;
  const nextPoint = () => points[(n += 1) % points.length]!;
  const layers = ['density', 'grids', 'buildings', 'places', 'cases', 'orgs'];

  const createCase = async (): Promise<number | undefined> => {
    const idempotencyKey = randomUUID();
    const [lng, lat] = nextPoint();
    for (let attempt = 0; attempt < 20 && running; attempt += 1) {
      const answer = await tally.time('POST /api/v1/cases', () =>
        dispatcher.send<{ id: number }>(
          'POST',
          '/api/v1/cases',
          { kind: '压力测试', title: '压力测试事件', lng, lat },
          { 'idempotency-key': idempotencyKey },
          AbortSignal.timeout(30_000),
        ),
      );
      if (answer && answer.status < 300) {
        acknowledgedCases.set(idempotencyKey, answer.body.id);
        return answer.body.id;
      }
      if (answer && answer.status < 500) return undefined;
      await pause(200);
    }
    return undefined;
  };

  /** A case dispatched, the nearest alerted member accepting through their link, the case closed. */
  const dispatchAndAnswer = async () => {
    const caseId = await createCase();
    if (caseId === undefined) return;
    const started = await tally.time('POST /api/v1/cases/{id}/dispatch', () =>
      dispatcher.send<{ id: number; alerts: Array<{ member: { id: number } }> }>(
        'POST',
        `/api/v1/cases/${caseId}/dispatch`,
        { radius: 1000, waveSize: 3, target: 1 },
        {},
        AbortSignal.timeout(30_000),
      ),
    );
    const first = started?.status === 201 ? started.body.alerts[0] : undefined;
    if (started?.status === 201 && first) {
      const token = memberLinkFor(key, started.body.id, first.member.id).slice('/m/'.length);
      const answer = await tally.time('POST /api/m/{token}/accept', () =>
        dispatcher.send('POST', `/api/m/${token}/accept`, undefined, {}, AbortSignal.timeout(30_000)),
      );
      if (answer?.status === 200) acknowledgedAnswers.push({ dispatchId: started.body.id, memberId: first.member.id });
      else if (process.env.SOAK_DEBUG) process.stderr.write(`accept answered ${answer?.status}: ${JSON.stringify(answer?.body)}\n`);
    }
    await tally.time('POST /api/v1/cases/{id}/close', () =>
      dispatcher.send('POST', `/api/v1/cases/${caseId}/close`, undefined, {}, AbortSignal.timeout(30_000)),
    );
  };

  const read = async (i: number) => {
    const [lng, lat] = nextPoint();
    switch (i % 10) {
      case 0:
      case 1:
      case 2: {
        const z = 10 + (i % 5);
        const [x, y] = tileOf(lng, lat, z);
        const layer = layers[i % layers.length]!;
        await tally.time(`GET /tiles/${layer}`, () => getAnswer(wall, `/tiles/${layer}/${z}/${x}/${y}.mvt`));
        return;
      }
      case 3:
      case 4:
        await tally.time('GET /api/v1/locate', () => getAnswer(dispatcher, `/api/v1/locate?lng=${lng}&lat=${lat}`));
        return;
      case 5:
      case 6:
        await tally.time('GET /api/v1/members/nearby', () => getAnswer(dispatcher, `/api/v1/members/nearby?lng=${lng}&lat=${lat}&radius=1000&limit=50`));
        return;
      default:
        await tally.time('GET /api/v1/stats/summary', () => getAnswer(wall, `/api/v1/stats/summary?area=${county}`));
    }
  };

  const loop = async (c: number) => {
    for (let i = c; running; i += 1) {
      if (i % 10 === 0) await dispatchAndAnswer();
      else if (i % 10 === 5) await createCase();
      else await read(i);
    }
  };

  process.stderr.write(`soak: ${minutes} min, ${clients} clients, ${thousands(members)} members…\n`);
  const startedAt = Date.now();
  const loops = Array.from({ length: clients }, (_, c) => loop(c));
  const rss: Array<{ minute: number; mb: number }> = [];
  while (Date.now() - startedAt < minutes * 60_000) {
    await pause(Math.min(60_000, minutes * 60_000 - (Date.now() - startedAt)));
    rss.push({ minute: Math.round((Date.now() - startedAt) / 60_000), mb: rssMb(server.pid) });
    process.stderr.write(`  minute ${rss.at(-1)!.minute}: server RSS ${rss.at(-1)!.mb} MB\n`);
  }
  running = false;
  await Promise.all(loops);
  const elapsedMs = Date.now() - startedAt;

  // every acknowledged write is there afterwards
  const { rows: found } = await db.pool.query<{ key: string }>('select idempotency_key as key from "case" where idempotency_key = any($1)', [
    [...acknowledgedCases.keys()],
  ]);
  const missingCases = acknowledgedCases.size - new Set(found.map((r) => r.key)).size;
  const { rows: accepted } = await db.pool.query<{ n: number }>(
    `select count(*)::int as n from dispatch_alert a
     join unnest($1::bigint[], $2::bigint[]) as ack(dispatch_id, member_id) using (dispatch_id, member_id)
     where a.state in ('accepted', 'arrived')`,
    [acknowledgedAnswers.map((a) => a.dispatchId), acknowledgedAnswers.map((a) => a.memberId)],
  );
  const missingAnswers = acknowledgedAnswers.length - accepted[0]!.n;
  const errors = new Map<string, number>();
  for (const line of server
    .output()
    .split('\n')
    .filter((l) => l.includes('"level":50'))) {
    const entry = JSON.parse(line) as { msg?: string; url?: string; err?: { message?: string } };
    const what = `${entry.msg} ${entry.url?.replace(/\d+/g, '{n}') ?? ''}: ${entry.err?.message ?? ''}`;
    errors.set(what, (errors.get(what) ?? 0) + 1);
  }
  server.stop();
  await db.close();

  const table = endpointTable(tally);
  const total = tally.latencies().length;
  const fiveXx = tally.failed();
  const first = rss[0]?.mb ?? 0;
  const last = rss.at(-1)?.mb ?? 0;
  printReport(`Soak: ${minutes} min, ${clients} clients, ${thousands(members)} members`, table, [
    `${thousands(total)} requests in ${(elapsedMs / 1000).toFixed(0)} s (${Math.round(total / (elapsedMs / 1000))} req/s); 5xx or no answer: ${fiveXx}.`,
    `Acknowledged writes missing afterwards: ${missingCases} of ${thousands(acknowledgedCases.size)} cases, ${missingAnswers} of ${thousands(acknowledgedAnswers.length)} accepted answers.`,
    ...[...errors].map(([what, count]) => `Server error logged ${count}×: ${what}`),
    `Server RSS: ${rss.map((r) => `${r.minute} min ${r.mb} MB`).join(', ')}; end / minute 1 = ${first ? (last / first).toFixed(2) : 'n/a'}.`,
  ]);
}

import { randomUUID } from 'node:crypto';
import { signInAs, wallClient, type Answer, type ApiClient } from '../support/api-client.ts';
import { openBenchDatabase } from './bench-database.ts';
import { ensureMembers, percentile, startServer } from './bench-support.ts';
import { endpointTable, getAnswer, Tally, tileOf } from './http-mix.ts';
import { printReport, thousands } from './report.ts';

/**
 * `npm run bench -- mixed [rate] [seconds] [members]` (500 requests/s for 30 s on the demo county's
 * 63,636 members by default): the server as `npm start` runs it, under an open-loop mix at a fixed
 * rate — request n is sent n / rate seconds after the start whether or not earlier ones were
 * answered, so a slow answer cannot slow the load down and hide itself. Of every 100 requests, as
 * walls and consoles in an incident: 60 wall tiles (density, grids, buildings, places, cases, orgs
 * at zoom 10–14), 15 locates, 15 nearby searches, 4 county figures, 3 new cases, 2 dispatches of
 * a new case and 1 close. The baseline in the same run: `GET /api/health` at the same rate (the
 * server and loopback doing no work). Goal: the rate held with p99 < 100 ms.
 */
const county = '510703000000';

type Clients = { dispatcher: ApiClient; wall: ApiClient };

async function paced(rate: number, seconds: number, request: (n: number) => Promise<void>): Promise<number> {
  const started = Date.now();
  const total = Math.floor(rate * seconds);
  const pending: Promise<void>[] = [];
  let answered = 0;
  const progress = setInterval(
    () => process.stderr.write(`  ${((Date.now() - started) / 1000).toFixed(0)} s: ${pending.length} sent, ${answered} answered\n`),
    5000,
  );
  for (let n = 0; n < total; n++) {
    const due = started + (n / rate) * 1000;
    const wait = due - Date.now();
    if (wait > 1) await new Promise((resolve) => setTimeout(resolve, wait));
    pending.push(request(n).finally(() => answered++));
  }
  await Promise.all(pending);
  clearInterval(progress);
  return (Date.now() - started) / 1000;
}

function mix(clients: Clients, points: Array<[number, number]>, tally: Tally) {
  const { dispatcher, wall } = clients;
  const layers = ['density', 'grids', 'buildings', 'places', 'cases', 'orgs'];
  const created: number[] = [];
  const dispatched: number[] = [];
  const newCase = async (point: [number, number]) => {
    const answer = await tally.time('POST /api/v1/cases', () =>
      dispatcher.send<{ id: number }>(
        'POST',
        '/api/v1/cases',
        { kind: '压力测试', title: '混合负载事件', lng: point[0], lat: point[1] },
        { 'idempotency-key': randomUUID() },
        AbortSignal.timeout(30_000),
      ),
    );
    if (answer?.status === 201) created.push(answer.body.id);
  };
  return async (n: number): Promise<void> => {
    const point = points[n % points.length]!;
    const [lng, lat] = point;
    const slot = n % 100;
    if (slot < 60) {
      const z = 10 + (n % 5);
      const [x, y] = tileOf(lng, lat, z);
      const layer = layers[Math.floor(n / 5) % layers.length]!;
      await tally.time(`GET /tiles/${layer}`, () => getAnswer(wall, `/tiles/${layer}/${z}/${x}/${y}.mvt`));
    } else if (slot < 75) await tally.time('GET /api/v1/locate', () => getAnswer(dispatcher, `/api/v1/locate?lng=${lng}&lat=${lat}`));
    else if (slot < 90)
      await tally.time('GET /api/v1/members/nearby', () => getAnswer(dispatcher, `/api/v1/members/nearby?lng=${lng}&lat=${lat}&radius=1000&limit=50`));
    else if (slot < 94) await tally.time('GET /api/v1/stats/summary', () => getAnswer(wall, `/api/v1/stats/summary?area=${county}`));
    else if (slot < 97) await newCase(point);
    else if (slot < 99) {
      const id = created.shift();
      if (id === undefined) return newCase(point);
      const answer: Answer | undefined = await tally.time('POST /api/v1/cases/{id}/dispatch', () =>
        dispatcher.send('POST', `/api/v1/cases/${id}/dispatch`, { radius: 1000, waveSize: 3, target: 1 }, {}, AbortSignal.timeout(30_000)),
      );
      if (answer?.status === 201) dispatched.push(id);
    } else {
      const id = dispatched.shift() ?? created.shift();
      if (id === undefined) return newCase(point);
      await tally.time('POST /api/v1/cases/{id}/close', () => dispatcher.send('POST', `/api/v1/cases/${id}/close`, undefined, {}, AbortSignal.timeout(30_000)));
    }
  };
}

function overall(tally: Tally) {
  const all = tally.latencies();
  return { count: all.length, p50: percentile(all, 50), p99: percentile(all, 99), failed: tally.failed() };
}

export async function benchMixed(args: string[]): Promise<void> {
  const rate = Number(args[0] ?? 500);
  const seconds = Number(args[1] ?? 30);
  const members = Number(args[2] ?? 63_636);
  const db = await openBenchDatabase();
  await ensureMembers(db, members);
  const server = await startServer(db.url);
  try {
    const clients = { dispatcher: await signInAs(server.baseUrl, db.pool, 'dispatcher', county), wall: await wallClient(server.baseUrl, db.pool, county) };
    const { rows } = await db.pool.query<{ p: [number, number] }>(
      "select array[st_x(st_pointonsurface(geom)), st_y(st_pointonsurface(geom))] as p from area where level in ('community', 'village') order by code",
    );
    const points = rows.map((r) => r.p);
    process.stderr.write(`mixed: warming up, then ${rate} req/s for ${seconds} s, ${thousands(members)} members…\n`);
    await paced(Math.min(rate, 100), 3, mix(clients, points, new Tally()));

    const health = new Tally();
    const healthSeconds = await paced(rate, seconds, async () => {
      await health.time('GET /api/health', () => getAnswer(clients.wall, '/api/health'));
    });
    const tally = new Tally();
    const mixSeconds = await paced(rate, seconds, mix(clients, points, tally));
    const base = overall(health);
    const all = overall(tally);
    printReport(`Mixed load: ${rate} requests/s for ${seconds} s, ${thousands(members)} members`, endpointTable(tally), [
      `Mix: ${thousands(all.count)} requests in ${mixSeconds.toFixed(1)} s (${Math.round(all.count / mixSeconds)} req/s), p50 ${all.p50.toFixed(1)} ms, **p99 ${all.p99.toFixed(1)} ms**, 5xx or no answer: ${all.failed}.`,
      `Baseline, GET /api/health at the same rate: ${Math.round(base.count / healthSeconds)} req/s, p50 ${base.p50.toFixed(1)} ms, p99 ${base.p99.toFixed(1)} ms.`,
      `Mix p99 / health p99: ${(all.p99 / Math.max(base.p99, 0.1)).toFixed(1)}×.`,
    ]);
  } finally {
    server.stop();
    await db.close();
  }
}

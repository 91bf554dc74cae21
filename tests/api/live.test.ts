import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SseParser } from '../../client/src/api/event-stream.ts';
import { wallClient, type ApiClient } from '../support/api-client.ts';
import { startTestServer, type TestServer } from '../support/test-server.ts';

/** The live stream: events with durable ids, data version bumps, and a reconnect that catches up. */
let server: TestServer;
let wall: ApiClient;
let point: [number, number];

beforeAll(async () => {
  server = await startTestServer();
  wall = await wallClient(server.baseUrl, server.db, '510703000000');
  const {
    rows: [p],
  } = await server.db.query<{ p: [number, number] }>(
    "select array[st_x(st_pointonsurface(geom)), st_y(st_pointonsurface(geom))] as p from area where level = 'community' limit 1",
  );
  point = p!.p;
});
afterAll(async () => {
  await server.close();
});

/** `id` is the last event id seen, as a browser would send it back on reconnect. */
type SseEvent = { id: string; data: Record<string, unknown> };

/** Reads events from the stream until `until` holds for the list or the time is up, then hangs up. */
async function readEvents(headers: Record<string, string>, until: (events: SseEvent[]) => boolean, ms = 5000, client = wall): Promise<SseEvent[]> {
  const controller = new AbortController();
  const res = await client.get('/api/v1/live', controller.signal, headers);
  expect(res.status).toBe(200);
  const reader = res.body!.pipeThrough(new TextDecoderStream()).getReader();
  const events: SseEvent[] = [];
  const parser = new SseParser();
  const timer = setTimeout(() => controller.abort(), ms);
  try {
    while (!until(events)) {
      const { value, done } = await reader.read();
      if (done) break;
      for (const m of parser.push(value)) events.push({ id: m.id, data: JSON.parse(m.data) as Record<string, unknown> });
    }
  } catch {
    // aborted at the time limit
  } finally {
    clearTimeout(timer);
    controller.abort();
  }
  return events;
}

async function newCase(at: [number, number] = point): Promise<number> {
  const created = await server.admin.send<{ id: number }>(
    'POST',
    '/api/v1/cases',
    { kind: 'test', title: '直播测试', lng: at[0], lat: at[1] },
    { 'idempotency-key': randomUUID() },
  );
  expect(created.status).toBe(201);
  return created.body.id;
}

const createdEvent = (id: number) => (events: SseEvent[]) => events.some((e) => e.data.type === 'case.created' && e.data.case_id === id);

describe('GET /api/v1/live', () => {
  it('carries case events with ids and data version bumps, ids only', async () => {
    let caseId = 0;
    const reading = readEvents({}, (events) => caseId > 0 && createdEvent(caseId)(events) && events.some((e) => e.data.type === 'data.version'));
    await new Promise((r) => setTimeout(r, 300));
    caseId = await newCase();
    const events = await reading;
    const created = events.find((e) => e.data.type === 'case.created' && e.data.case_id === caseId);
    // its id is its outbox entry's, so a reconnect can ask for what came after it
    const {
      rows: [entry],
    } = await server.db.query<{ id: string }>(
      "select id::text from outbox where kind = 'live_event' and payload->>'type' = 'case.created' and (payload->>'case_id')::bigint = $1",
      [caseId],
    );
    expect(created?.id).toBe(entry!.id);
    expect(created?.data).toEqual({ type: 'case.created', case_id: caseId });
    expect(events.find((e) => e.data.type === 'data.version' && e.data.topic === 'case')?.data.version).toEqual(expect.any(Number));
  });

  it('replays the case events missed since Last-Event-ID', async () => {
    const first = await newCase();
    // the id the page saw last: the first case's event; two more cases come while nobody listens
    const {
      rows: [row],
    } = await server.db.query<{ id: number }>(
      "select id from outbox where kind = 'live_event' and payload->>'type' = 'case.created' and (payload->>'case_id')::bigint = $1",
      [first],
    );
    const missedA = await newCase();
    const missedB = await newCase();
    await new Promise((r) => setTimeout(r, 1000)); // the sender delivers them
    const replayed = await readEvents({ 'last-event-id': String(row!.id) }, (events) => createdEvent(missedA)(events) && createdEvent(missedB)(events));
    const ids = replayed.filter((e) => e.data.type === 'case.created').map((e) => e.data.case_id);
    expect(ids).toContain(missedA);
    expect(ids).toContain(missedB);
    expect(ids).not.toContain(first);
  });

  it('survives the loss of its database connection: events sent meanwhile arrive after it reconnects', async () => {
    let caseId = 0;
    const reading = readEvents({}, (events) => caseId > 0 && createdEvent(caseId)(events), 10_000);
    await new Promise((r) => setTimeout(r, 300));
    await server.db.query("select pg_terminate_backend(pid) from pg_stat_activity where application_name = 'redgrid-live' and datname = current_database()");
    caseId = await newCase();
    const events = await reading;
    expect(createdEvent(caseId)(events)).toBe(true);
  });

  it("sends a case's events only to streams whose scope holds the case", async () => {
    const {
      rows: [own, other],
    } = await server.db.query<{ town: string; p: [number, number] }>(
      `select distinct on (parent_code) parent_code as town, array[st_x(st_pointonsurface(geom)), st_y(st_pointonsurface(geom))] as p
       from area where level = 'community' order by parent_code, code limit 2`,
    );
    const townWall = await wallClient(server.baseUrl, server.db, own!.town);
    let inside = 0;
    let outside = 0;
    const reading = readEvents(
      {},
      (events) => inside > 0 && outside > 0 && createdEvent(inside)(events) && events.some((e) => e.data.type === 'data.version'),
      5000,
      townWall,
    );
    await new Promise((r) => setTimeout(r, 300));
    outside = await newCase(other!.p);
    inside = await newCase(own!.p);
    const events = await reading;
    expect(createdEvent(inside)(events)).toBe(true);
    expect(createdEvent(outside)(events)).toBe(false);
    for (const e of events) expect(e.data).not.toHaveProperty('area');
  });
});

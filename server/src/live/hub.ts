import type { Response } from 'express';
import pg from 'pg';
import type { Scope } from '../auth/scope.ts';
import { noteDatabaseDown, noteDatabaseUp } from '../db/availability.ts';
import { listenOn, selectLastLiveSeq, selectLiveEventsAfter, selectTopicVersions } from './queries.ts';
import type { Logger } from '../logger.ts';
import { liveChannel } from '../outbox/live-channel.ts';

type LiveEvent = { seq?: number; area?: string; chunk: string };

/**
 * A notification as an SSE chunk: its `seq` (the outbox id), when it has one, becomes the event id;
 * its `area` (the case's community) decides who gets it and is not sent.
 */
function toEvent(payload: string): LiveEvent {
  let data: Record<string, unknown>;
  try {
    data = JSON.parse(payload) as Record<string, unknown>;
  } catch {
    return { chunk: '' };
  }
  const { seq, area, ...event } = data;
  const scoped = typeof area === 'string' ? { area } : {};
  if (typeof seq !== 'number') return { ...scoped, chunk: `data: ${JSON.stringify(event)}\n\n` };
  return { ...scoped, seq, chunk: `id: ${seq}\ndata: ${JSON.stringify(event)}\n\n` };
}

/** Writes the event to a stream whose scope holds its area (events without one go to all). */
function send(res: Response, scope: Scope, event: LiveEvent): void {
  const { area } = event;
  if (area === undefined || scope.holds(area)) res.write(event.chunk);
}

/**
 * Fans PostgreSQL NOTIFY events out to server-sent-event streams, over one dedicated connection
 * that reconnects by itself. Events carry ids only, never a member's name or position; case and
 * dispatch events reach only the streams whose scope holds the case.
 */
export class LiveHub {
  /** each stream with the scope of its caller */
  private readonly clients = new Map<Response, Scope>();
  private connection: pg.Client | undefined;
  private heartbeat: NodeJS.Timeout | undefined;
  private stopped = false;
  private reconnecting = false;
  /** the newest outbox id sent, to catch up from after a lost connection */
  private lastSeq: number | undefined;

  constructor(
    private readonly databaseUrl: string,
    private readonly log: Logger,
  ) {}

  async start(): Promise<void> {
    this.heartbeat = setInterval(() => this.write({ chunk: ': heartbeat\n\n' }), 15_000);
    await this.listen();
    this.lastSeq = await selectLastLiveSeq(this.connection!);
  }

  private async listen(): Promise<void> {
    if (this.stopped) return;
    const client = new pg.Client({ connectionString: this.databaseUrl, application_name: 'redgrid-live', connectionTimeoutMillis: 5000 });
    client.on('notification', (n) => {
      if (n.channel === liveChannel && n.payload) this.broadcast(n.payload);
    });
    client.on('error', (error) => this.lost(client, error));
    try {
      await client.connect();
      await listenOn(client, liveChannel);
      if (this.lastSeq !== undefined) await this.catchUp(client);
    } catch (error) {
      void client.end().catch(() => undefined);
      throw error;
    }
    this.connection = client;
    noteDatabaseUp(this.log);
  }

  /** The listening connection died: drop it and reconnect (an attempt still connecting fails by itself). */
  private lost(client: pg.Client, error: Error): void {
    noteDatabaseDown(this.log, error, 'live connection');
    void client.end().catch(() => undefined);
    if (this.connection !== client) return;
    this.connection = undefined;
    this.listenLater();
  }

  /** Tries again every second until connected; one loop at a time, quiet while the database is away. */
  private listenLater(): void {
    if (this.stopped || this.reconnecting) return;
    this.reconnecting = true;
    setTimeout(
      () =>
        void this.listen().then(
          () => {
            this.reconnecting = false;
          },
          (error: unknown) => {
            noteDatabaseDown(this.log, error, 'live connection');
            this.reconnecting = false;
            this.listenLater();
          },
        ),
      1000,
    );
  }

  /** After a lost connection: the events sent meanwhile, and every topic's version (bumps may be lost). */
  private async catchUp(client: pg.Client): Promise<void> {
    for (const payload of await selectLiveEventsAfter(client, this.lastSeq ?? 0)) this.broadcast(payload);
    for (const v of await selectTopicVersions(client)) this.broadcast(JSON.stringify({ type: 'data.version', topic: v.topic, version: v.version }));
  }

  private broadcast(payload: string): void {
    const event = toEvent(payload);
    if (event.seq !== undefined) this.lastSeq = Math.max(event.seq, this.lastSeq ?? 0);
    this.write(event);
  }

  private write(event: LiveEvent) {
    for (const [res, scope] of this.clients) send(res, scope, event);
  }

  /**
   * Opens an event stream on `res`; it ends when the client goes. With the id of the last event a
   * client saw (the Last-Event-ID header of a reconnecting EventSource), the case and dispatch
   * events it missed are sent first (a repeat is harmless: clients refetch on any event).
   */
  async subscribe(res: Response, scope: Scope, lastEventId?: number): Promise<void> {
    res.status(200).set({ 'content-type': 'text/event-stream', 'cache-control': 'no-cache', connection: 'keep-alive', 'x-accel-buffering': 'no' });
    res.flushHeaders();
    res.write('retry: 2000\n\n');
    this.clients.set(res, scope);
    res.on('close', () => this.clients.delete(res));
    if (lastEventId === undefined || !this.connection) return;
    const missed = await selectLiveEventsAfter(this.connection, lastEventId).catch(() => []);
    for (const payload of missed) send(res, scope, toEvent(payload));
  }

  async stop(): Promise<void> {
    this.stopped = true;
    clearInterval(this.heartbeat);
    for (const res of this.clients.keys()) res.end();
    this.clients.clear();
    await this.connection?.end().catch(() => undefined);
  }
}

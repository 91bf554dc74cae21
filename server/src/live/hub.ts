import type { Response } from 'express';
import pg from 'pg';
import { liveChannel } from '../dispatch/sender.ts';
import type { Logger } from '../logger.ts';

/** An SSE chunk for a notification: its `seq`, when it has one, becomes the event id. */
function eventChunk(payload: string): string {
  let data: Record<string, unknown>;
  try {
    data = JSON.parse(payload) as Record<string, unknown>;
  } catch {
    return '';
  }
  const { seq, ...event } = data;
  return `${typeof seq === 'number' ? `id: ${seq}\n` : ''}data: ${JSON.stringify(event)}\n\n`;
}

/**
 * Fans PostgreSQL NOTIFY events out to server-sent-event streams, over one dedicated connection
 * that reconnects by itself. Events carry ids only, never a member's name or position.
 */
export class LiveHub {
  private readonly clients = new Set<Response>();
  private connection: pg.Client | undefined;
  private heartbeat: NodeJS.Timeout | undefined;
  private stopped = false;

  constructor(private readonly databaseUrl: string, private readonly log: Logger) {}

  async start(): Promise<void> {
    this.heartbeat = setInterval(() => this.write(': heartbeat\n\n'), 15_000);
    await this.listen();
  }

  private async listen(): Promise<void> {
    if (this.stopped) return;
    const client = new pg.Client({ connectionString: this.databaseUrl, application_name: 'redgrid-live' });
    client.on('notification', (n) => {
      if (n.channel === liveChannel && n.payload) this.write(eventChunk(n.payload));
    });
    client.on('error', (error) => {
      this.log.warn({ err: error }, 'live connection lost; reconnecting');
      void client.end().catch(() => undefined);
      if (this.connection === client) this.connection = undefined;
      setTimeout(() => void this.listen().catch(() => undefined), 1000);
    });
    await client.connect();
    await client.query(`listen ${liveChannel}`);
    this.connection = client;
  }

  private write(chunk: string) {
    for (const res of this.clients) res.write(chunk);
  }

  /**
   * Opens an event stream on `res`; it ends when the client goes. With the id of the last event a
   * client saw (the Last-Event-ID header of a reconnecting EventSource), the case and dispatch
   * events it missed are sent first (a repeat is harmless: clients refetch on any event).
   */
  async subscribe(res: Response, lastEventId?: number): Promise<void> {
    res.status(200).set({ 'content-type': 'text/event-stream', 'cache-control': 'no-cache', connection: 'keep-alive', 'x-accel-buffering': 'no' });
    res.flushHeaders();
    res.write('retry: 2000\n\n');
    this.clients.add(res);
    res.on('close', () => this.clients.delete(res));
    if (lastEventId === undefined || !this.connection) return;
    const missed = await this.connection.query<{ payload: string }>(
      `select (payload || jsonb_build_object('seq', id))::text as payload from outbox
       where kind = 'live_event' and delivered_at is not null and id > $1 order by id limit 500`,
      [lastEventId],
    ).catch(() => ({ rows: [] }));
    for (const row of missed.rows) res.write(eventChunk(row.payload));
  }

  async stop(): Promise<void> {
    this.stopped = true;
    clearInterval(this.heartbeat);
    for (const res of this.clients) res.end();
    this.clients.clear();
    await this.connection?.end().catch(() => undefined);
  }
}

import pg from 'pg';

/** Starts listening on `channel` on the hub's dedicated connection. */
export async function listenOn(client: pg.Client, channel: string): Promise<void> {
  await client.query(`listen ${pg.escapeIdentifier(channel)}`);
}

/** The newest live event already notified (the outbox id), 0 when none. */
export async function selectLastLiveSeq(client: pg.Client): Promise<number> {
  const { rows } = await client.query<{ id: number | null }>("select max(id) as id from outbox where kind = 'live_event' and delivered_at is not null");
  return Number(rows[0]?.id ?? 0);
}

/** Live events notified after outbox id `after` (at most 500), as NOTIFY payloads with their `seq`. */
export async function selectLiveEventsAfter(client: pg.Client, after: number): Promise<string[]> {
  const { rows } = await client.query<{ payload: string }>(
    `select (payload || jsonb_build_object('seq', id))::text as payload from outbox
     where kind = 'live_event' and delivered_at is not null and id > $1 order by id limit 500`,
    [after],
  );
  return rows.map((r) => r.payload);
}

/** Every topic's current data version. */
export async function selectTopicVersions(client: pg.Client): Promise<Array<{ topic: string; version: number }>> {
  const { rows } = await client.query<{ topic: string; version: number }>('select topic, version from data_version');
  return rows.map((r) => ({ topic: r.topic, version: Number(r.version) }));
}

import { describe, expect, it } from 'vitest';
import { pruneDelivered } from '../../server/src/dispatch/outbox.queries.ts';
import { usePrivateDatabase } from '../support/database.ts';

const database = usePrivateDatabase('outbox_prune');

describe('pruning the outbox', () => {
  it('deletes entries sent or not sent over a week ago and keeps recent and unfinished ones', async () => {
    const { db } = database;
    const { rows } = await db.query<{ id: number; label: string }>(
      `insert into outbox (kind, payload, created_at, status, delivered_at)
       values ('live_event', '{"label":"old delivered"}', now() - interval '9 days', 'sent', now() - interval '8 days'),
              ('live_event', '{"label":"recent delivered"}', now() - interval '2 days', 'sent', now() - interval '2 days'),
              ('live_event', '{"label":"old undelivered"}', now() - interval '9 days', 'failed', null),
              ('member_cancel', '{"label":"old not sent"}', now() - interval '9 days', 'not_sent', null),
              ('member_cancel', '{"label":"recent not sent"}', now() - interval '2 days', 'not_sent', null)
       returning id, payload->>'label' as label`,
    );
    expect(await pruneDelivered(db, 7)).toBe(2);
    const { rows: left } = await db.query<{ id: number }>('select id from outbox where id = any($1::bigint[])', [rows.map((r) => r.id)]);
    expect(left.map((r) => r.id).sort()).toEqual(
      rows
        .filter((r) => !r.label.startsWith('old ') || r.label === 'old undelivered')
        .map((r) => r.id)
        .sort(),
    );
  });
});

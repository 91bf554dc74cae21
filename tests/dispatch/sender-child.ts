// A sender in its own process, so a test can kill it mid-delivery: DATABASE_URL, WEBHOOK_URL and LEASE_SECONDS from env.
import { deliverDue } from '../../server/src/dispatch/sender.ts';
import { createPool } from '../../server/src/db/pool.ts';

const db = createPool(process.env.DATABASE_URL!, 2);
const leaseSeconds = Number(process.env.LEASE_SECONDS ?? 30);
await deliverDue(db, { webhookUrl: process.env.WEBHOOK_URL, publicUrl: 'http://127.0.0.1', leaseSeconds }, undefined, 1000);
await db.end();

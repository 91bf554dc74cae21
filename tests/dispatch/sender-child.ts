// A sender in its own process, so a test can kill it mid-delivery: DATABASE_URL and WEBHOOK_URL from env.
import { deliverDue } from '../../server/src/dispatch/sender.ts';
import { createPool } from '../../server/src/db/pool.ts';

const db = createPool(process.env.DATABASE_URL!, 2);
await deliverDue(db, { webhookUrl: process.env.WEBHOOK_URL, publicUrl: 'http://127.0.0.1' }, undefined, 1000);
await db.end();

// One-off backfill (agents/migrations/AGENTS.md: never inside a schema migration): copies tracking numbers
// from the carrier export into orders.tracking_number, 5,000 rows per batch, pausing between batches so
// replication lag on the read replica stays low.
import { readFileSync } from 'node:fs';
import pg from 'pg';

const BATCH_SIZE = 5_000;
const PAUSE_MS = 500;
const rows = readFileSync(process.argv[2], 'utf8').trim().split('\n').slice(1).map((line) => line.split(','));
const client = new pg.Client({ connectionString: process.env.DATABASE_URL });
await client.connect();
for (let start = 0; start < rows.length; start += BATCH_SIZE) {
  const batch = rows.slice(start, start + BATCH_SIZE);
  await client.query(
    `update orders set tracking_number = data.tracking from unnest($1::uuid[], $2::text[]) as data(id, tracking)
     where orders.id = data.id and orders.tracking_number is null`,
    [batch.map(([id]) => id), batch.map(([, tracking]) => tracking)],
  );
  process.stdout.write(`backfilled ${Math.min(start + BATCH_SIZE, rows.length)} of ${rows.length}\n`);
  await new Promise((resolve) => setTimeout(resolve, PAUSE_MS));
}
await client.end();

// Applies services/orders-api/migrations/*.sql in order, once each, recording them in schema_migrations.
import { readdirSync, readFileSync } from 'node:fs';
import pg from 'pg';

const dryRun = process.argv.includes('--dry-run');
const directory = 'services/orders-api/migrations';
const client = new pg.Client({ connectionString: process.env.DATABASE_URL });
await client.connect();
await client.query('create table if not exists schema_migrations (name text primary key, applied_at timestamptz default now())');
const applied = new Set((await client.query('select name from schema_migrations')).rows.map((row) => row.name));
for (const file of readdirSync(directory).filter((name) => name.endsWith('.sql')).sort()) {
  if (applied.has(file)) continue;
  process.stdout.write(`${dryRun ? 'would apply' : 'applying'} ${file}\n`);
  if (dryRun) continue;
  await client.query('begin');
  await client.query(readFileSync(`${directory}/${file}`, 'utf8'));
  await client.query('insert into schema_migrations (name) values ($1)', [file]);
  await client.query('commit');
}
await client.end();

import type { ServerResponse } from 'node:http';
import type { Pool } from 'pg';

/** Liveness plus a cheap database round trip; the Docker HEALTHCHECK and k8s probes call this. */
export async function handleHealth(response: ServerResponse, pool: Pool): Promise<void> {
  try {
    await pool.query('select 1');
    response.writeHead(200, { 'content-type': 'application/json' }).end('{"status":"ok"}');
  } catch {
    response.writeHead(503, { 'content-type': 'application/json' }).end('{"status":"database_unreachable"}');
  }
}

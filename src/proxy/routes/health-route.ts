import type { H3 } from 'h3';
import type { ProxyContext } from '../proxy-context.js';

/** Liveness only: answers without touching the backend, and without auth (it reveals nothing). */
export function registerHealthRoute(app: H3, context: ProxyContext): void {
  app.get('/health', () => Response.json({ status: 'ok', backend: context.backend.name }));
}

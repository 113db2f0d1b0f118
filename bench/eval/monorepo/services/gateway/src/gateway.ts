import { createServer } from 'node:http';
import { createClient, type RedisClientType } from 'redis';
import { createLogger } from '@harbor/shared-logger';
import { loadGatewayConfig } from './config.js';
import { applyCors } from './cors.js';
import { proxyRequest } from './proxy-request.js';
import { SessionStore } from './session-store.js';

const config = loadGatewayConfig();
const logger = createLogger({ service: 'gateway' });
const redis = createClient({ url: config.redisUrl }) as RedisClientType;
await redis.connect();
const sessions = new SessionStore(redis, config.sessionTtlMinutes);

function sessionIdFrom(cookie: string | undefined): string | undefined {
  return cookie?.split(';').map((part) => part.trim()).find((part) => part.startsWith('harbor_sid='))?.slice('harbor_sid='.length);
}

createServer(async (request, response) => {
  if (applyCors(request, response, config.allowedOrigins)) return;
  const sessionId = sessionIdFrom(request.headers.cookie);
  const session = sessionId ? await sessions.read(sessionId) : undefined;
  const path = request.url ?? '/';
  if (path.startsWith('/v1/orders')) return proxyRequest(request, response, config.ordersUrl, session?.customerId);
  if (path.startsWith('/v1/stock')) return proxyRequest(request, response, config.inventoryUrl, session?.customerId);
  response.writeHead(404).end();
}).listen(config.port, () => logger.info('gateway listening', { port: config.port }));

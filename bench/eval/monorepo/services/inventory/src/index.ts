import { createServer } from 'node:http';
import { connect } from 'nats';
import { createLogger } from '@harbor/shared-logger';
import { loadInventoryConfig } from './config.js';
import { ReservationBook, OutOfStockError } from './reservations.js';
import { StockCache } from './stock-cache.js';
import { subscribeStockEvents } from './subscribe-stock-events.js';
import { WarehouseClient } from './warehouse-client.js';

const config = loadInventoryConfig();
const logger = createLogger({ service: 'inventory' });
const cache = new StockCache(config.stockCacheTtlSeconds * 1_000);
const warehouse = new WarehouseClient(config.warehouseUrl);

async function stockLevel(sku: string): Promise<number> {
  const cached = cache.get(sku);
  if (cached !== undefined) return cached;
  const level = await warehouse.stockLevel(sku);
  cache.set(sku, level);
  return level;
}

const book = new ReservationBook(config.reservationHoldMinutes * 60_000, stockLevel, logger);
setInterval(() => book.releaseExpired(), 60_000).unref();

const connection = await connect({ servers: config.natsUrl, name: 'inventory' });
subscribeStockEvents(connection, cache, logger);

createServer(async (request, response) => {
  const url = new URL(request.url ?? '/', 'http://localhost');
  const match = /^\/v1\/stock\/([^/]+)$/.exec(url.pathname);
  if (request.method === 'GET' && match?.[1]) {
    response.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify({ sku: match[1], level: await stockLevel(match[1]) }));
    return;
  }
  if (request.method === 'POST' && url.pathname === '/v1/reservations') {
    const body = JSON.parse(await new Response(request as unknown as ReadableStream).text()) as { orderId: string; sku: string; quantity: number };
    try {
      response.writeHead(201, { 'content-type': 'application/json' }).end(JSON.stringify(await book.reserve(body.orderId, body.sku, body.quantity)));
    } catch (error) {
      if (!(error instanceof OutOfStockError)) throw error;
      response.writeHead(409, { 'content-type': 'application/json' }).end(JSON.stringify({ error: 'out_of_stock', available: error.available }));
    }
    return;
  }
  response.writeHead(404).end();
}).listen(config.port, () => logger.info('inventory listening', { port: config.port }));

import { createServer } from 'node:http';
import { createLogger } from '@harbor/shared-logger';
import { loadOrdersConfig } from './config.js';
import { OrderRepository } from './db/order-repository.js';
import { connectPool } from './db/pool.js';
import { PaymentClient } from './payments/payment-client.js';
import { EventPublisher } from './events/publish-order-event.js';
import { handleOrders } from './routes/orders.js';
import { handleHealth } from './routes/health.js';

const config = loadOrdersConfig();
const logger = createLogger({ service: 'orders-api' });
const pool = connectPool(config.databaseUrl);
const orders = new OrderRepository(pool);
const payments = new PaymentClient(config.paymentsUrl, { retryLimit: config.paymentRetryLimit, logger });
const events = await EventPublisher.connect(config.natsUrl);

const server = createServer((request, response) => {
  const url = new URL(request.url ?? '/', 'http://localhost');
  if (url.pathname === '/healthz') return handleHealth(response, pool);
  if (url.pathname.startsWith('/v1/orders')) return handleOrders(request, response, { orders, payments, events, config, logger });
  response.writeHead(404, { 'content-type': 'application/json' }).end('{"error":"not_found"}');
});

server.listen(config.port, '0.0.0.0', () => logger.info('orders-api listening', { port: config.port }));

process.on('SIGTERM', () => {
  server.close();
  void events.drain().then(() => pool.end());
});

import type { IncomingMessage, ServerResponse } from 'node:http';
import type { Logger } from '@harbor/shared-logger';
import type { OrdersConfig } from '../config.js';
import type { OrderRepository } from '../db/order-repository.js';
import type { EventPublisher } from '../events/publish-order-event.js';
import type { PaymentClient } from '../payments/payment-client.js';
import { parseOrderRequest, OrderValidationError } from '../validation/order-schema.js';
import { readJsonBody } from './read-json-body.js';

interface Dependencies {
  orders: OrderRepository;
  payments: PaymentClient;
  events: EventPublisher;
  config: OrdersConfig;
  logger: Logger;
}

function send(response: ServerResponse, status: number, body: unknown): void {
  response.writeHead(status, { 'content-type': 'application/json' }).end(JSON.stringify(body));
}

/** POST /v1/orders places an order; GET /v1/orders/:id reads one. */
export async function handleOrders(request: IncomingMessage, response: ServerResponse, deps: Dependencies): Promise<void> {
  const id = request.url?.split('/')[3];
  if (request.method === 'GET' && id) {
    const order = await deps.orders.findById(id);
    return order ? send(response, 200, order) : send(response, 404, { error: 'order_not_found' });
  }
  if (request.method !== 'POST') return send(response, 405, { error: 'method_not_allowed' });

  const idempotencyKey = request.headers['idempotency-key'];
  if (typeof idempotencyKey !== 'string' || idempotencyKey.length < 8) {
    return send(response, 400, { error: 'idempotency_key_required' });
  }
  const previous = await deps.orders.findByIdempotencyKey(idempotencyKey);
  if (previous) return send(response, 200, previous); // a retried POST gets the same order back

  let draft;
  try {
    draft = parseOrderRequest(await readJsonBody(request));
  } catch (error) {
    if (error instanceof OrderValidationError) return send(response, 422, { error: 'invalid_order', fields: error.fields });
    throw error;
  }
  const needsReview = draft.totalCents > deps.config.manualReviewAboveCents;
  const capture = await deps.payments.capture({ amountCents: draft.totalCents, currency: draft.currency, token: draft.paymentToken, idempotencyKey });
  if (capture.status === 'declined') return send(response, 402, { error: 'payment_declined', reason: capture.reason });

  const order = await deps.orders.insert({ ...draft, idempotencyKey, paymentId: capture.paymentId, status: needsReview ? 'in_review' : 'placed' });
  await deps.events.orderPlaced(order);
  deps.logger.info('order placed', { orderId: order.id, review: needsReview });
  send(response, 201, order);
}

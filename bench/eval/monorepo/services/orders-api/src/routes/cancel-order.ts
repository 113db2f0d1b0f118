import type { ServerResponse } from 'node:http';
import type { OrderRepository } from '../db/order-repository.js';
import type { EventPublisher } from '../events/publish-order-event.js';
import type { PaymentClient } from '../payments/payment-client.js';

/**
 * DELETE /v1/orders/:id — a customer cancels before the parcel ships. We mark the order cancelled
 * first (so fulfilment stops picking it), refund the payment, then tell the other services; inventory
 * releases the stock when it sees `order.cancelled`.
 */
export async function cancelOrder(
  response: ServerResponse,
  id: string,
  deps: { orders: OrderRepository; payments: PaymentClient; events: EventPublisher },
): Promise<void> {
  const order = await deps.orders.findById(id);
  if (!order) {
    response.writeHead(404, { 'content-type': 'application/json' }).end('{"error":"order_not_found"}');
    return;
  }
  if (!(await deps.orders.cancel(id))) {
    response.writeHead(409, { 'content-type': 'application/json' }).end('{"error":"already_shipped"}');
    return;
  }
  await deps.payments.refund(order.paymentId, order.totalCents);
  await deps.events.orderCancelled(id);
  response.writeHead(204).end();
}

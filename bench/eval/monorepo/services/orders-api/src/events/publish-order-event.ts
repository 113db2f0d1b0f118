import { connect, JSONCodec, type NatsConnection } from 'nats';
import type { Order } from '../db/order-repository.js';

const codec = JSONCodec();

/** Publishes order lifecycle events on NATS JetStream (ADR 0002); subjects are `order.<event>`. */
export class EventPublisher {
  private constructor(private readonly connection: NatsConnection) {}

  static async connect(url: string): Promise<EventPublisher> {
    return new EventPublisher(await connect({ servers: url, name: 'orders-api' }));
  }

  async orderPlaced(order: Order): Promise<void> {
    const stream = this.connection.jetstream();
    // msgID makes JetStream drop a duplicate publish of the same order (a retried request).
    await stream.publish('order.placed', codec.encode({ orderId: order.id, lines: order.lines, customerId: order.customerId }), { msgID: order.id });
  }

  async orderCancelled(orderId: string): Promise<void> {
    await this.connection.jetstream().publish('order.cancelled', codec.encode({ orderId }), { msgID: `${orderId}:cancelled` });
  }

  drain(): Promise<void> {
    return this.connection.drain();
  }
}

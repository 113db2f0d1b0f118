import { AckPolicy, JSONCodec, type NatsConnection } from 'nats';
import type { Logger } from '@harbor/shared-logger';
import type { TokenBucket } from './rate-limiter.js';

const codec = JSONCodec<Record<string, unknown>>();

export type Handler = (subject: string, payload: Record<string, unknown>) => Promise<void>;

/**
 * Consumes order events from JetStream. A handler that throws gets the message redelivered with a
 * growing delay (nak with 5 s, 30 s, 2 min, 10 min …); after `maxDeliveries` attempts the event is
 * copied to `notify.dead-letter` and acknowledged so it stops blocking the consumer.
 */
export async function consumeOrderEvents(
  connection: NatsConnection,
  handle: Handler,
  options: { maxDeliveries: number; bucket: TokenBucket; logger: Logger },
): Promise<void> {
  const manager = await connection.jetstreamManager();
  await manager.consumers.add('ORDERS', { durable_name: 'notifier', ack_policy: AckPolicy.Explicit, max_deliver: options.maxDeliveries + 1 });
  const consumer = await connection.jetstream().consumers.get('ORDERS', 'notifier');
  const messages = await consumer.consume();
  for await (const message of messages) {
    const wait = options.bucket.take();
    if (wait > 0) await new Promise((resolve) => setTimeout(resolve, wait));
    try {
      await handle(message.subject, codec.decode(message.data));
      message.ack();
    } catch (error) {
      const attempt = message.info.redeliveryCount;
      if (attempt >= options.maxDeliveries) {
        connection.publish('notify.dead-letter', message.data, { headers: message.headers });
        options.logger.error('notification dead-lettered', { subject: message.subject, attempts: attempt, error: String(error) });
        message.ack();
      } else {
        message.nak(redeliveryDelayMs(attempt));
      }
    }
  }
}

/** 5 s, 30 s, 2 min, 10 min, then 30 min: a mail relay outage usually lasts minutes, not hours. */
export function redeliveryDelayMs(attempt: number): number {
  const steps = [5_000, 30_000, 120_000, 600_000];
  return steps[attempt - 1] ?? 1_800_000;
}

import { connect } from 'nats';
import { createLogger } from '@harbor/shared-logger';
import { loadNotifierConfig } from './config.js';
import { EmailSender } from './email-sender.js';
import { consumeOrderEvents } from './queue-consumer.js';
import { TokenBucket } from './rate-limiter.js';
import { SmsSender } from './sms-sender.js';
import { renderOrderPlaced } from './templates/order-placed.js';
import { renderOrderShipped, type ShippedOrder } from './templates/order-shipped.js';

const config = loadNotifierConfig();
const logger = createLogger({ service: 'notifier' });
const email = new EmailSender(config.smtp);
const sms = new SmsSender(config.smsProvider, logger);
const connection = await connect({ servers: config.natsUrl, name: 'notifier' });

await consumeOrderEvents(
  connection,
  async (subject, payload) => {
    const to = String(payload.email);
    if (subject === 'order.placed') await email.send({ to, ...renderOrderPlaced(payload as never) });
    if (subject === 'order.shipped') {
      await email.send({ to, ...renderOrderShipped(payload as unknown as ShippedOrder) });
      if (typeof payload.phone === 'string') await sms.send(payload.phone, `Your Harbor order ${String(payload.orderId)} has shipped.`);
    }
  },
  { maxDeliveries: config.maxDeliveries, bucket: new TokenBucket(config.maxPerMinute), logger },
);

/** Settings of orders-api, read once at start-up from the environment. */
export interface OrdersConfig {
  port: number;
  databaseUrl: string;
  natsUrl: string;
  paymentsUrl: string;
  /** How many times a failed payment capture is retried (declines are never retried). */
  paymentRetryLimit: number;
  /** Orders above this total (in cents) need a manual fraud review. */
  manualReviewAboveCents: number;
}

function requireEnv(name: string): string {
  const value = process.env[name];
  if (!value) throw new Error(`orders-api: ${name} is required`);
  return value;
}

export function loadOrdersConfig(): OrdersConfig {
  return {
    port: Number(process.env.ORDERS_PORT ?? 8081),
    databaseUrl: requireEnv('DATABASE_URL'),
    natsUrl: process.env.NATS_URL ?? 'nats://127.0.0.1:4222',
    paymentsUrl: requireEnv('PAYMENTS_URL'),
    paymentRetryLimit: Number(process.env.PAYMENT_RETRY_LIMIT ?? 3),
    manualReviewAboveCents: Number(process.env.MANUAL_REVIEW_ABOVE_CENTS ?? 250_000),
  };
}

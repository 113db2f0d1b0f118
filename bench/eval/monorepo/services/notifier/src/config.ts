export interface NotifierConfig {
  port: number;
  natsUrl: string;
  smtp: { host: string; port: number; from: string };
  smsProvider: 'twilio' | 'console';
  /** Upper bound on messages sent per minute across all channels (the SMTP relay throttles above it). */
  maxPerMinute: number;
  /** Redeliveries of one event before it goes to the dead-letter subject. */
  maxDeliveries: number;
}

export function loadNotifierConfig(env: NodeJS.ProcessEnv = process.env): NotifierConfig {
  return {
    port: Number(env.NOTIFIER_PORT ?? 8083),
    natsUrl: env.NATS_URL ?? 'nats://127.0.0.1:4222',
    smtp: { host: env.SMTP_HOST ?? '127.0.0.1', port: Number(env.SMTP_PORT ?? 1025), from: env.MAIL_FROM ?? 'Harbor <orders@harbor.example>' },
    smsProvider: env.SMS_PROVIDER === 'twilio' ? 'twilio' : 'console',
    maxPerMinute: Number(env.NOTIFY_MAX_PER_MINUTE ?? 120),
    maxDeliveries: Number(env.NOTIFY_MAX_DELIVERIES ?? 5),
  };
}

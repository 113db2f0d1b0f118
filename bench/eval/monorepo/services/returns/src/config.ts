export interface ReturnsConfig {
  port: number;
  /** Days after delivery during which a return may be started (ADR 0016). */
  windowDays: number;
  /** Extra days granted when the carrier never confirmed delivery. */
  unconfirmedGraceDays: number;
  /** Flat fee kept from refunds of changed-mind returns, in cents. */
  restockingFeeCents: number;
}

export function loadReturnsConfig(env: NodeJS.ProcessEnv = process.env): ReturnsConfig {
  return {
    port: Number(env.RETURNS_PORT ?? 8084),
    windowDays: Number(env.RETURN_WINDOW_DAYS ?? 30),
    unconfirmedGraceDays: Number(env.RETURN_UNCONFIRMED_GRACE_DAYS ?? 5),
    restockingFeeCents: Number(env.RESTOCKING_FEE_CENTS ?? 495),
  };
}

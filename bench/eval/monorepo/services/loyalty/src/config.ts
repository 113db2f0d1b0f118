export interface LoyaltyConfig {
  port: number;
  /** Points credited per whole euro of goods. */
  pointsPerEuro: number;
  /** Months after which earned points lapse (ADR 0019). */
  expiryMonths: number;
  /** Rolling 12-month spend, in cents, needed for each tier. */
  silverThresholdCents: number;
  goldThresholdCents: number;
  /** Hour (UTC) of the daily expiry sweep. */
  expirySweepHourUtc: number;
}

export function loadLoyaltyConfig(env: NodeJS.ProcessEnv = process.env): LoyaltyConfig {
  return {
    port: Number(env.LOYALTY_PORT ?? 8085),
    pointsPerEuro: Number(env.POINTS_PER_EURO ?? 1),
    expiryMonths: Number(env.POINTS_EXPIRY_MONTHS ?? 18),
    silverThresholdCents: Number(env.TIER_SILVER_CENTS ?? 50_000),
    goldThresholdCents: Number(env.TIER_GOLD_CENTS ?? 150_000),
    expirySweepHourUtc: Number(env.EXPIRY_SWEEP_HOUR_UTC ?? 3),
  };
}

import type { LoyaltyConfig } from './config.js';

export type Tier = 'bronze' | 'silver' | 'gold';

export interface DeliveredOrder {
  goodsCents: number;
  deliveredAt: Date;
}

const YEAR_MS = 365 * 24 * 60 * 60 * 1000;

/**
 * A customer's tier from what they spent on delivered orders in the last 365 days (a rolling window,
 * not the calendar year, so nobody drops a tier on 1 January). Refunded goods are already subtracted
 * from goodsCents by the caller.
 */
export function computeTier(orders: DeliveredOrder[], config: LoyaltyConfig, now: Date): Tier {
  const since = now.getTime() - YEAR_MS;
  const spent = orders.filter((order) => order.deliveredAt.getTime() > since).reduce((sum, order) => sum + order.goodsCents, 0);
  if (spent >= config.goldThresholdCents) return 'gold';
  if (spent >= config.silverThresholdCents) return 'silver';
  return 'bronze';
}

/** Earning multiplier per tier: gold members earn double, silver one and a half times. */
export function tierMultiplier(tier: Tier): number {
  return tier === 'gold' ? 2 : tier === 'silver' ? 1.5 : 1;
}

import type { PointsLedger } from './points-ledger.js';

/** 100 points buy 1 EUR of goods. */
export const CENTS_PER_POINT = 1;
/** Smaller redemptions cost more in support questions than they save customers. */
export const MINIMUM_REDEMPTION_POINTS = 500;
/** Points may pay for at most half of the goods; shipping is always paid in money. */
export const MAX_SHARE_OF_GOODS = 0.5;

export class RedemptionError extends Error {
  constructor(
    message: string,
    readonly code: 'below_minimum' | 'insufficient_points' | 'over_limit',
  ) {
    super(message);
  }
}

/**
 * Spends points on an order at checkout and returns the discount in cents. Rejects (rather than
 * silently trimming) a request the customer cannot afford, so the checkout shows the real reason.
 */
export function redeemPoints(ledger: PointsLedger, customerId: string, points: number, goodsCents: number, orderId: string, now: Date): number {
  if (points < MINIMUM_REDEMPTION_POINTS) throw new RedemptionError(`at least ${MINIMUM_REDEMPTION_POINTS} points per redemption`, 'below_minimum');
  if (points > ledger.balance(customerId)) throw new RedemptionError('not enough points', 'insufficient_points');
  const discountCents = points * CENTS_PER_POINT;
  if (discountCents > Math.floor(goodsCents * MAX_SHARE_OF_GOODS)) throw new RedemptionError('points may pay for at most half of the goods', 'over_limit');
  ledger.append({ customerId, points: -points, reason: 'redeemed', reference: orderId, at: now });
  return discountCents;
}

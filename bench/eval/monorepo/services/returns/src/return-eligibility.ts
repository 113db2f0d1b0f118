import type { ReturnsConfig } from './config.js';

const DAY_MS = 24 * 60 * 60 * 1000;
const FINAL_SALE_CATEGORIES = new Set(['gift-card', 'hygiene-opened']);

export interface ReturnRequest {
  deliveredAt?: Date;
  shippedAt: Date;
  category: string;
  requestedAt: Date;
}

export type Eligibility = { eligible: true; deadline: Date } | { eligible: false; reason: 'final_sale' | 'window_closed'; deadline?: Date };

/**
 * Whether a return may still be started. The window counts from delivery; without a delivery
 * confirmation it counts from shipping plus a grace period (ADR 0016).
 */
export function checkReturnEligibility(request: ReturnRequest, config: ReturnsConfig): Eligibility {
  if (FINAL_SALE_CATEGORIES.has(request.category)) return { eligible: false, reason: 'final_sale' };
  const start = request.deliveredAt ?? new Date(request.shippedAt.getTime() + config.unconfirmedGraceDays * DAY_MS);
  const deadline = new Date(start.getTime() + config.windowDays * DAY_MS);
  if (request.requestedAt.getTime() > deadline.getTime()) return { eligible: false, reason: 'window_closed', deadline };
  return { eligible: true, deadline };
}

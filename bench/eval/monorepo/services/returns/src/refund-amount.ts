import type { ReturnsConfig } from './config.js';

export interface ReturnedLine {
  unitPriceCents: number;
  quantity: number;
}

export type ReturnReason = 'damaged' | 'wrong_item' | 'changed_mind';

/**
 * Cents to give back for a return. Our mistakes (damaged, wrong item) refund everything including
 * shipping; a changed mind keeps the restocking fee and the original shipping, never going below zero.
 */
export function computeRefundCents(lines: ReturnedLine[], shippingCents: number, reason: ReturnReason, config: ReturnsConfig): number {
  const goods = lines.reduce((sum, line) => sum + line.unitPriceCents * line.quantity, 0);
  if (reason === 'damaged' || reason === 'wrong_item') return goods + shippingCents;
  return Math.max(0, goods - config.restockingFeeCents);
}

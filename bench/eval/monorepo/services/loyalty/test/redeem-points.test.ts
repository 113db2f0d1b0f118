import { describe, expect, it } from 'vitest';
import { PointsLedger } from '../src/points-ledger.js';
import { RedemptionError, redeemPoints } from '../src/redeem-points.js';

const now = new Date('2026-11-20T10:00:00Z');

function ledgerWith(points: number): PointsLedger {
  const ledger = new PointsLedger();
  ledger.append({ customerId: 'c1', points, reason: 'earned', reference: 'o0', at: now });
  return ledger;
}

describe('redeemPoints', () => {
  it('turns 600 points into a 6 EUR discount', () => {
    expect(redeemPoints(ledgerWith(1_000), 'c1', 600, 5_000, 'o1', now)).toBe(600);
  });
  it('refuses fewer than 500 points', () => {
    expect(() => redeemPoints(ledgerWith(1_000), 'c1', 400, 5_000, 'o1', now)).toThrow(RedemptionError);
  });
  it('refuses to pay for more than half of the goods', () => {
    expect(() => redeemPoints(ledgerWith(10_000), 'c1', 3_000, 5_000, 'o1', now)).toThrow(/half/);
  });
});

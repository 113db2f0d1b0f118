import type { LedgerEntry, PointsLedger } from './points-ledger.js';

/**
 * The daily sweep that lapses points older than the expiry window (ADR 0019). Spending consumes the
 * oldest credits first (first in, first out), so only the part of an old credit that was never spent
 * expires. Returns how many points it wrote off.
 */
export function expireStalePoints(ledger: PointsLedger, customerId: string, expiryMonths: number, now: Date): number {
  const cutoff = new Date(now);
  cutoff.setUTCMonth(cutoff.getUTCMonth() - expiryMonths);
  const entries = ledger.entriesOf(customerId);
  const debits = -entries.filter((entry) => entry.points < 0).reduce((sum, entry) => sum + entry.points, 0);
  let remainingDebits = debits;
  let lapsing = 0;
  for (const credit of oldestCreditsFirst(entries)) {
    const spent = Math.min(credit.points, remainingDebits);
    remainingDebits -= spent;
    if (credit.at < cutoff) lapsing += credit.points - spent;
  }
  if (lapsing > 0) ledger.append({ customerId, points: -lapsing, reason: 'expired', reference: `sweep:${now.toISOString().slice(0, 10)}`, at: now });
  return lapsing;
}

function oldestCreditsFirst(entries: LedgerEntry[]): LedgerEntry[] {
  return entries.filter((entry) => entry.points > 0).sort((a, b) => a.at.getTime() - b.at.getTime());
}

/**
 * The append-only points ledger (ADR 0020). A balance is the sum of a customer's entries; nothing is
 * ever updated or deleted, so support can always explain a balance line by line.
 */
export type LedgerReason = 'earned' | 'redeemed' | 'expired' | 'reversed' | 'goodwill';

export interface LedgerEntry {
  customerId: string;
  /** Positive when points are credited, negative when they are spent, lapse or are taken back. */
  points: number;
  reason: LedgerReason;
  /** The order or return that caused the entry; a goodwill credit names the support ticket. */
  reference: string;
  at: Date;
}

export class DuplicateLedgerEntryError extends Error {}

export class PointsLedger {
  private readonly entries: LedgerEntry[] = [];
  private readonly seen = new Set<string>();

  /** Appends an entry once: NATS may redeliver the same delivered-order event. */
  append(entry: LedgerEntry): void {
    const key = `${entry.customerId}:${entry.reason}:${entry.reference}`;
    if (this.seen.has(key)) throw new DuplicateLedgerEntryError(`ledger already holds ${key}`);
    this.seen.add(key);
    this.entries.push(entry);
  }

  balance(customerId: string): number {
    return this.entriesOf(customerId).reduce((sum, entry) => sum + entry.points, 0);
  }

  entriesOf(customerId: string): LedgerEntry[] {
    return this.entries.filter((entry) => entry.customerId === customerId);
  }
}

/** Points for a delivered order: whole euros of goods only, shipping and discounts earn nothing. */
export function pointsForOrder(goodsCents: number, discountCents: number, pointsPerEuro: number): number {
  return Math.floor(Math.max(0, goodsCents - discountCents) / 100) * pointsPerEuro;
}

/**
 * When goods come back, take back the points they earned, but never push the balance below zero:
 * a customer who already spent the points keeps what they bought with them.
 */
export function reversePointsForRefund(ledger: PointsLedger, customerId: string, refundedGoodsCents: number, returnId: string, pointsPerEuro: number, now: Date): number {
  const wanted = Math.floor(refundedGoodsCents / 100) * pointsPerEuro;
  const taken = Math.min(wanted, Math.max(0, ledger.balance(customerId)));
  if (taken > 0) ledger.append({ customerId, points: -taken, reason: 'reversed', reference: returnId, at: now });
  return taken;
}

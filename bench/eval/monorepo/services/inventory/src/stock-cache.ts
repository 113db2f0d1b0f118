/**
 * Stock levels per SKU, cached in memory so a product page does not call the warehouse system on
 * every view. Entries expire after the TTL; the event subscriber drops an entry as soon as the
 * warehouse says the level changed (see subscribe-stock-events.ts), so the TTL only bounds how stale
 * a level can get when an event is lost.
 */
export class StockCache {
  private readonly entries = new Map<string, { level: number; expiresAt: number }>();

  constructor(
    private readonly ttlMs: number,
    private readonly now: () => number = Date.now,
  ) {}

  get(sku: string): number | undefined {
    const entry = this.entries.get(sku);
    if (!entry) return undefined;
    if (entry.expiresAt <= this.now()) {
      this.entries.delete(sku);
      return undefined;
    }
    return entry.level;
  }

  set(sku: string, level: number): void {
    this.entries.set(sku, { level, expiresAt: this.now() + this.ttlMs });
  }

  /** Drops one SKU (a stock.changed event) or, without an argument, everything (a full resync). */
  invalidate(sku?: string): void {
    if (sku === undefined) this.entries.clear();
    else this.entries.delete(sku);
  }

  get size(): number {
    return this.entries.size;
  }
}

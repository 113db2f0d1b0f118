import type { Logger } from '@harbor/shared-logger';

export interface Reservation {
  orderId: string;
  sku: string;
  quantity: number;
  expiresAt: number;
}

export class OutOfStockError extends Error {
  constructor(readonly sku: string, readonly available: number) {
    super(`only ${available} of ${sku} left`);
  }
}

/**
 * Holds stock for an order between checkout and payment. A reservation that is not confirmed within
 * the hold window is released by `releaseExpired`, which the sweeper calls every minute.
 */
export class ReservationBook {
  private readonly reservations = new Map<string, Reservation[]>();

  constructor(
    private readonly holdMs: number,
    private readonly available: (sku: string) => Promise<number>,
    private readonly logger: Logger,
  ) {}

  async reserve(orderId: string, sku: string, quantity: number, now = Date.now()): Promise<Reservation> {
    const held = this.heldQuantity(sku);
    const level = await this.available(sku);
    if (level - held < quantity) throw new OutOfStockError(sku, Math.max(0, level - held));
    const reservation = { orderId, sku, quantity, expiresAt: now + this.holdMs };
    this.reservations.set(orderId, [...(this.reservations.get(orderId) ?? []), reservation]);
    return reservation;
  }

  confirm(orderId: string): Reservation[] {
    const confirmed = this.reservations.get(orderId) ?? [];
    this.reservations.delete(orderId);
    return confirmed;
  }

  releaseExpired(now = Date.now()): number {
    let released = 0;
    for (const [orderId, list] of this.reservations) {
      if (list.every((reservation) => reservation.expiresAt <= now)) {
        this.reservations.delete(orderId);
        released += list.length;
        this.logger.info('reservation expired', { orderId });
      }
    }
    return released;
  }

  private heldQuantity(sku: string): number {
    let total = 0;
    for (const list of this.reservations.values()) for (const reservation of list) if (reservation.sku === sku) total += reservation.quantity;
    return total;
  }
}

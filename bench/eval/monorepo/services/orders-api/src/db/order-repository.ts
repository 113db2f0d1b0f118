import type { Pool } from 'pg';
import type { OrderDraft } from '../validation/order-schema.js';

export interface Order extends OrderDraft {
  id: string;
  status: 'placed' | 'in_review' | 'shipped' | 'cancelled';
  paymentId: string;
  idempotencyKey: string;
  createdAt: string;
}

/** Plain SQL, no ORM (ADR 0003): every query is visible here and in the migrations. */
export class OrderRepository {
  constructor(private readonly pool: Pool) {}

  async findById(id: string): Promise<Order | undefined> {
    const { rows } = await this.pool.query('select * from orders where id = $1', [id]);
    return rows[0];
  }

  async findByIdempotencyKey(key: string): Promise<Order | undefined> {
    const { rows } = await this.pool.query('select * from orders where idempotency_key = $1', [key]);
    return rows[0];
  }

  async insert(order: Omit<Order, 'id' | 'createdAt'>): Promise<Order> {
    const { rows } = await this.pool.query(
      `insert into orders (customer_id, lines, currency, total_cents, payment_id, idempotency_key, status, shipping_address)
       values ($1, $2, $3, $4, $5, $6, $7, $8) returning *`,
      [order.customerId, JSON.stringify(order.lines), order.currency, order.totalCents, order.paymentId, order.idempotencyKey, order.status, order.shippingAddress],
    );
    return rows[0];
  }

  /** Cancelling is only allowed before shipping; returns false when the order already shipped. */
  async cancel(id: string): Promise<boolean> {
    const { rowCount } = await this.pool.query("update orders set status = 'cancelled' where id = $1 and status in ('placed', 'in_review')", [id]);
    return rowCount === 1;
  }
}

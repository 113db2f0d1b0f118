export interface InventoryConfig {
  port: number;
  natsUrl: string;
  warehouseUrl: string;
  /** Seconds a cached stock level stays valid when no stock.changed event arrives first. */
  stockCacheTtlSeconds: number;
  /** Minutes a reservation holds stock for an unpaid order before it is released. */
  reservationHoldMinutes: number;
}

export function loadInventoryConfig(env: NodeJS.ProcessEnv = process.env): InventoryConfig {
  return {
    port: Number(env.INVENTORY_PORT ?? 8082),
    natsUrl: env.NATS_URL ?? 'nats://127.0.0.1:4222',
    warehouseUrl: env.WAREHOUSE_URL ?? 'http://127.0.0.1:9100',
    stockCacheTtlSeconds: Number(env.STOCK_CACHE_TTL_SECONDS ?? 45),
    reservationHoldMinutes: Number(env.RESERVATION_HOLD_MINUTES ?? 15),
  };
}

import { JSONCodec, type NatsConnection } from 'nats';
import type { Logger } from '@harbor/shared-logger';
import type { StockCache } from './stock-cache.js';

const codec = JSONCodec<{ sku: string; level: number }>();

/**
 * Listens for `stock.changed` (one SKU) and `stock.resynced` (the warehouse recounted everything) and
 * evicts the affected cache entries, so the next read fetches the fresh level.
 */
export function subscribeStockEvents(connection: NatsConnection, cache: StockCache, logger: Logger): void {
  const changed = connection.subscribe('stock.changed', { queue: 'inventory' });
  void (async () => {
    for await (const message of changed) {
      const { sku } = codec.decode(message.data);
      cache.invalidate(sku);
    }
  })();
  const resynced = connection.subscribe('stock.resynced');
  void (async () => {
    for await (const _message of resynced) {
      logger.info('warehouse resync: clearing the stock cache', { entries: cache.size });
      cache.invalidate();
    }
  })();
}

import { fetchWithRetry } from '@harbor/shared-http';

/** The warehouse management system's REST API: the source of truth for stock levels. */
export class WarehouseClient {
  constructor(private readonly baseUrl: string) {}

  async stockLevel(sku: string): Promise<number> {
    const response = await fetchWithRetry(`${this.baseUrl}/stock/${encodeURIComponent(sku)}`, { retries: 2, timeoutMs: 1_500 });
    if (response.status === 404) return 0; // unknown SKU: nothing to sell
    if (!response.ok) throw new Error(`warehouse answered ${response.status}`);
    const body = (await response.json()) as { onHand: number; damaged: number };
    return Math.max(0, body.onHand - body.damaged);
  }
}

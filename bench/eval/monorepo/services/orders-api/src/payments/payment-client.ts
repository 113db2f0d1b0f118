import type { Logger } from '@harbor/shared-logger';
import { fetchWithRetry } from '@harbor/shared-http';

export interface CaptureRequest {
  amountCents: number;
  currency: string;
  token: string;
  idempotencyKey: string;
}

export type CaptureResult = { status: 'captured'; paymentId: string } | { status: 'declined'; reason: string };

/**
 * Talks to the payment provider. A capture that fails with a network error or a 5xx is retried up to
 * `retryLimit` times with jittered exponential backoff; a decline (402) is final and never retried,
 * because retrying a declined card annoys the bank and the customer.
 */
export class PaymentClient {
  constructor(
    private readonly baseUrl: string,
    private readonly options: { retryLimit: number; logger: Logger },
  ) {}

  async capture(request: CaptureRequest): Promise<CaptureResult> {
    const response = await fetchWithRetry(`${this.baseUrl}/captures`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'idempotency-key': request.idempotencyKey },
      body: JSON.stringify({ amount: request.amountCents, currency: request.currency, source: request.token }),
      retries: this.options.retryLimit,
      retryOn: (status) => status >= 500,
      onRetry: (attempt, reason) => this.options.logger.warn('payment capture retry', { attempt, reason }),
    });
    if (response.status === 402) {
      const body = (await response.json()) as { decline_code?: string };
      return { status: 'declined', reason: body.decline_code ?? 'card_declined' };
    }
    if (!response.ok) throw new Error(`payment provider answered ${response.status}`);
    const body = (await response.json()) as { id: string };
    return { status: 'captured', paymentId: body.id };
  }

  /** Refunds are not retried automatically: finance reconciles failed refunds by hand (runbook payments-outage). */
  async refund(paymentId: string, amountCents: number): Promise<void> {
    const response = await fetch(`${this.baseUrl}/refunds`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ payment: paymentId, amount: amountCents }),
    });
    if (!response.ok) throw new Error(`refund failed with ${response.status}`);
  }
}

import { afterEach, describe, expect, it, vi } from 'vitest';
import { PaymentClient } from '../src/payments/payment-client.js';

const logger = { info: vi.fn(), warn: vi.fn(), error: vi.fn() };

afterEach(() => vi.unstubAllGlobals());

describe('PaymentClient.capture', () => {
  it('does not retry a declined card', async () => {
    const fetchMock = vi.fn().mockResolvedValue(new Response('{"decline_code":"insufficient_funds"}', { status: 402 }));
    vi.stubGlobal('fetch', fetchMock);
    const client = new PaymentClient('http://payments', { retryLimit: 3, logger });
    const result = await client.capture({ amountCents: 100, currency: 'EUR', token: 't', idempotencyKey: 'key-12345' });
    expect(result).toEqual({ status: 'declined', reason: 'insufficient_funds' });
    expect(fetchMock).toHaveBeenCalledTimes(1);
  });
  it('retries a 503 then succeeds', async () => {
    const fetchMock = vi
      .fn()
      .mockResolvedValueOnce(new Response('', { status: 503 }))
      .mockResolvedValueOnce(new Response('{"id":"pay_1"}', { status: 200 }));
    vi.stubGlobal('fetch', fetchMock);
    const client = new PaymentClient('http://payments', { retryLimit: 3, logger });
    expect(await client.capture({ amountCents: 100, currency: 'EUR', token: 't', idempotencyKey: 'key-12345' })).toEqual({ status: 'captured', paymentId: 'pay_1' });
  });
});

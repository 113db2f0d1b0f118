import { createHmac, timingSafeEqual } from 'node:crypto';

/**
 * Carriers call us when a parcel is delivered; that date starts the returns window. Each carrier signs
 * the raw body with HMAC-SHA256 using the secret we gave it; anything unsigned or stale is dropped.
 */
const MAX_AGE_SECONDS = 300;

export function verifyCarrierSignature(rawBody: string, signatureHex: string, timestamp: number, secret: string, nowSeconds = Date.now() / 1000): boolean {
  if (Math.abs(nowSeconds - timestamp) > MAX_AGE_SECONDS) return false;
  const expected = createHmac('sha256', secret).update(`${timestamp}.${rawBody}`).digest();
  const given = Buffer.from(signatureHex, 'hex');
  return given.length === expected.length && timingSafeEqual(given, expected);
}

export function parseDeliveredEvent(rawBody: string): { orderId: string; deliveredAt: Date } {
  const body = JSON.parse(rawBody) as { order_reference: string; status: string; occurred_at: string };
  if (body.status !== 'delivered') throw new Error(`not a delivery event: ${body.status}`);
  return { orderId: body.order_reference, deliveredAt: new Date(body.occurred_at) };
}

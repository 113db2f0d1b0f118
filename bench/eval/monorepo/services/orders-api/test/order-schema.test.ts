import { describe, expect, it } from 'vitest';
import { OrderValidationError, parseOrderRequest } from '../src/validation/order-schema.js';

const valid = {
  customerId: 'c_1',
  currency: 'EUR',
  paymentToken: 'tok_1',
  lines: [{ sku: 'MUG-01', quantity: 2, unitPrice: '12.50' }],
  shippingAddress: { line1: '1 Quay', city: 'Bristol', postcode: 'BS1', country: 'GB' },
};

describe('parseOrderRequest', () => {
  it('computes the total from the lines', () => {
    expect(parseOrderRequest(valid).totalCents).toBe(2500);
  });
  it('rejects an unsupported currency', () => {
    expect(() => parseOrderRequest({ ...valid, currency: 'JPY' })).toThrow(OrderValidationError);
  });
  it('rejects more than 20 items on one line', () => {
    expect(() => parseOrderRequest({ ...valid, lines: [{ sku: 'MUG-01', quantity: 21, unitPrice: '1.00' }] })).toThrow(OrderValidationError);
  });
});

import { parseMoney } from '@harbor/money';

export interface OrderLine {
  sku: string;
  quantity: number;
  unitPriceCents: number;
}

export interface OrderDraft {
  customerId: string;
  lines: OrderLine[];
  currency: 'EUR' | 'GBP' | 'USD';
  totalCents: number;
  paymentToken: string;
  shippingAddress: { line1: string; city: string; postcode: string; country: string };
}

export class OrderValidationError extends Error {
  constructor(readonly fields: Record<string, string>) {
    super('invalid order');
  }
}

const SUPPORTED_CURRENCIES = new Set(['EUR', 'GBP', 'USD']);
const MAX_LINES = 50;
const MAX_QUANTITY_PER_LINE = 20;

/** Validates the POST /v1/orders body and computes the total from the lines (never trusts a client total). */
export function parseOrderRequest(body: unknown): OrderDraft {
  const fields: Record<string, string> = {};
  const input = (body ?? {}) as Record<string, unknown>;
  if (typeof input.customerId !== 'string') fields.customerId = 'required';
  if (!SUPPORTED_CURRENCIES.has(String(input.currency))) fields.currency = 'must be EUR, GBP or USD';
  const lines = Array.isArray(input.lines) ? input.lines : [];
  if (lines.length === 0) fields.lines = 'at least one line';
  if (lines.length > MAX_LINES) fields.lines = `at most ${MAX_LINES} lines`;
  const parsed: OrderLine[] = lines.map((line: Record<string, unknown>, index: number) => {
    const quantity = Number(line.quantity);
    if (!Number.isInteger(quantity) || quantity < 1 || quantity > MAX_QUANTITY_PER_LINE) fields[`lines.${index}.quantity`] = `1..${MAX_QUANTITY_PER_LINE}`;
    return { sku: String(line.sku), quantity, unitPriceCents: parseMoney(String(line.unitPrice)) };
  });
  if (typeof input.paymentToken !== 'string') fields.paymentToken = 'required';
  if (Object.keys(fields).length > 0) throw new OrderValidationError(fields);
  const totalCents = parsed.reduce((sum, line) => sum + line.quantity * line.unitPriceCents, 0);
  return {
    customerId: input.customerId as string,
    lines: parsed,
    currency: input.currency as OrderDraft['currency'],
    totalCents,
    paymentToken: input.paymentToken as string,
    shippingAddress: input.shippingAddress as OrderDraft['shippingAddress'],
  };
}

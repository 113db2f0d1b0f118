import { formatMoney } from '@harbor/money';

/** Order confirmation right after checkout; lists each line with its price. */
export function renderOrderPlaced(order: { orderId: string; lines: Array<{ sku: string; quantity: number; unitPriceCents: number }>; currency: string }) {
  const rows = order.lines.map((line) => `${line.quantity} × ${line.sku} — ${formatMoney(line.quantity * line.unitPriceCents, order.currency)}`);
  return {
    subject: `Thanks for your order ${order.orderId}`,
    text: `We received your order:\n${rows.join('\n')}\n`,
    html: `<p>We received your order:</p><ul>${rows.map((row) => `<li>${row}</li>`).join('')}</ul>`,
  };
}

import { formatMoney } from '@harbor/money';

export interface ShippedOrder {
  orderId: string;
  customerName: string;
  carrier: 'dhl' | 'royal-mail' | 'ups';
  trackingNumber: string;
  totalCents: number;
  currency: string;
}

const TRACKING_URLS: Record<ShippedOrder['carrier'], (number: string) => string> = {
  dhl: (number) => `https://www.dhl.com/track?tracking-id=${number}`,
  'royal-mail': (number) => `https://www.royalmail.com/track-your-item#/tracking-results/${number}`,
  ups: (number) => `https://www.ups.com/track?tracknum=${number}`,
};

/** The "your order is on its way" e-mail, with the carrier's tracking link. */
export function renderOrderShipped(order: ShippedOrder): { subject: string; html: string; text: string } {
  const link = TRACKING_URLS[order.carrier](order.trackingNumber);
  const total = formatMoney(order.totalCents, order.currency);
  return {
    subject: `Your Harbor order ${order.orderId} has shipped`,
    html: `<p>Hi ${escapeHtml(order.customerName)},</p><p>Your order (${total}) is on its way. <a href="${link}">Track your parcel</a>.</p>`,
    text: `Hi ${order.customerName},\nYour order (${total}) is on its way. Track it: ${link}\n`,
  };
}

function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (char) => `&#${char.charCodeAt(0)};`);
}

/**
 * Money as integer cents (ADR 0005). Parsing accepts "12.5", "12.50" and "12"; anything with more
 * than two decimals is rejected rather than rounded, because a price with fractions of a cent is a bug
 * upstream.
 */
export function parseMoney(text: string): number {
  const match = /^(\d{1,9})(?:\.(\d{1,2}))?$/.exec(text.trim());
  if (!match) throw new Error(`not an amount: ${text}`);
  return Number(match[1]) * 100 + Number((match[2] ?? '').padEnd(2, '0'));
}

const SYMBOLS: Record<string, string> = { EUR: '€', GBP: '£', USD: '$' };

/** "£12.50" — for e-mails and invoices; the locale-specific separators are the front-end's job. */
export function formatMoney(cents: number, currency: string): string {
  const sign = cents < 0 ? '-' : '';
  const absolute = Math.abs(cents);
  return `${sign}${SYMBOLS[currency] ?? `${currency} `}${Math.floor(absolute / 100)}.${String(absolute % 100).padStart(2, '0')}`;
}

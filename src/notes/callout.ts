/**
 * An Obsidian callout: `> [!type]± Title` then every body line prefixed with `> ` (blank lines with
 * `>`), so nothing in the body can end the callout early.
 */
export interface CalloutOptions {
  type: string;
  title: string;
  /** `true` renders `[!type]-` (collapsed until clicked). */
  folded?: boolean;
  body: string[];
}

export function callout({ type, title, folded = false, body }: CalloutOptions): string[] {
  const header = `> [!${type}]${folded ? '-' : ''}${title ? ` ${title}` : ''}`;
  return [header, ...body.map((line) => (line === '' ? '>' : `> ${line}`))];
}

/** Long payloads are folded so a note stays skimmable. */
export const LONG_PAYLOAD_LINES = 40;
export const LONG_PAYLOAD_CHARS = 2000;

export function isLongPayload(text: string): boolean {
  if (text.length > LONG_PAYLOAD_CHARS) return true;
  let lines = 1;
  for (let index = text.indexOf('\n'); index !== -1; index = text.indexOf('\n', index + 1)) {
    if (++lines > LONG_PAYLOAD_LINES) return true;
  }
  return false;
}

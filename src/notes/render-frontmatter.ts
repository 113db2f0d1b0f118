/**
 * Writes the small YAML subset our notes use, in the block style Obsidian itself writes: strings are
 * JSON-quoted (a JSON string is a valid YAML double-quoted scalar, so any text is safe), lists are block
 * sequences, date-times are plain `2026-11-25T14:30:12` so Obsidian and YAML readers see a date.
 */
export interface FrontmatterDateTime {
  dateTime: string;
}

export type FrontmatterValue = string | number | boolean | null | readonly string[] | FrontmatterDateTime;

const KEY = /^[A-Za-z_][A-Za-z0-9_-]*$/;
const DATE_TIME = /^\d{4}-\d{2}-\d{2}(?:T\d{2}:\d{2}(?::\d{2}(?:\.\d+)?)?)?$/;

export function renderFrontmatter(properties: ReadonlyArray<readonly [string, FrontmatterValue | undefined]>): string[] {
  const lines = ['---'];
  for (const [key, value] of properties) {
    if (value === undefined) continue;
    if (!KEY.test(key)) throw new Error(`invalid property name ${JSON.stringify(key)}`);
    if (Array.isArray(value)) {
      if (value.length === 0) lines.push(`${key}: []`);
      else lines.push(`${key}:`, ...value.map((item: string) => `  - ${JSON.stringify(item)}`));
    } else if (value !== null && typeof value === 'object') {
      const { dateTime } = value as FrontmatterDateTime;
      if (!DATE_TIME.test(dateTime)) throw new Error(`invalid date-time ${JSON.stringify(dateTime)}`);
      lines.push(`${key}: ${dateTime}`);
    } else if (typeof value === 'number') {
      lines.push(`${key}: ${Number.isFinite(value) ? String(value) : 'null'}`);
    } else {
      lines.push(`${key}: ${JSON.stringify(value)}`);
    }
  }
  lines.push('---');
  return lines;
}

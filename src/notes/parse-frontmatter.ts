import { isMap, isScalar, LineCounter, parseDocument } from 'yaml';

/**
 * Reads a note's frontmatter with the `yaml` library, so whatever Obsidian writes when a user edits
 * properties (quoted or plain scalars, flow or block lists, comments) reads as YAML would. Values we do
 * not use in notes (nested maps) and YAML errors are reported with their line, not guessed at.
 */
export type ParsedValue = string | number | boolean | null | ParsedValue[];

export interface ParsedFrontmatter {
  data: Record<string, ParsedValue>;
  /** 1-based line of each key, for problem reports. */
  keyLines: Record<string, number>;
  /** 1-based line where the body starts (after the closing `---`). */
  bodyStartLine: number;
  errors: Array<{ line: number; message: string }>;
}

/** `undefined` when the note does not start with a `---` frontmatter block. */
export function parseFrontmatter(text: string): ParsedFrontmatter | undefined {
  const lines = text.split(/\r?\n/);
  if (lines[0] !== '---') return undefined;
  const end = lines.findIndex((line, index) => index > 0 && (line === '---' || line === '...'));
  if (end === -1) return undefined;

  const result: ParsedFrontmatter = { data: {}, keyLines: {}, bodyStartLine: end + 2, errors: [] };
  const lineCounter = new LineCounter();
  // The block starts on the note's line 2, so YAML's line n is the note's line n + 1.
  const lineOf = (offset: number) => lineCounter.linePos(offset).line + 1;
  const document = parseDocument(lines.slice(1, end).join('\n'), { lineCounter, prettyErrors: false, uniqueKeys: false });
  for (const error of document.errors) {
    result.errors.push({ line: lineOf(error.pos[0]), message: error.message.split('\n')[0] ?? error.message });
  }
  const contents = document.contents;
  if (contents === null || (isScalar(contents) && contents.value === null)) return result;
  if (!isMap(contents)) {
    result.errors.push({ line: 2, message: 'frontmatter is not a list of properties' });
    return result;
  }
  for (const pair of contents.items) {
    const keyNode = pair.key;
    const key = isScalar(keyNode) ? String(keyNode.value) : String(keyNode);
    const line = isScalar(keyNode) && keyNode.range ? lineOf(keyNode.range[0]) : 2;
    if (key in result.data) result.errors.push({ line, message: `duplicate property "${key}"` });
    result.keyLines[key] = line;
    const value = toParsedValue(pair.value === null ? null : (pair.value as { toJSON(): unknown }).toJSON());
    if (value.ok) result.data[key] = value.value;
    else result.errors.push({ line, message: `cannot read value of "${key}": ${value.error}` });
  }
  return result;
}

type Parse = { ok: true; value: ParsedValue } | { ok: false; error: string };

function toParsedValue(value: unknown): Parse {
  if (value === null || value === undefined) return { ok: true, value: null };
  if (typeof value === 'string' || typeof value === 'boolean') return { ok: true, value };
  if (typeof value === 'number') return { ok: true, value };
  if (Array.isArray(value)) {
    const items: ParsedValue[] = [];
    for (const item of value) {
      const parsed = toParsedValue(item);
      if (!parsed.ok) return parsed;
      items.push(parsed.value);
    }
    return { ok: true, value: items };
  }
  return { ok: false, error: 'nested maps are not used in notes' };
}

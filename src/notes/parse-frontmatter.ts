/**
 * Reads the YAML subset our notes use, plus the forms Obsidian writes when a user edits properties:
 * `key: scalar` (plain, "double" or 'single' quoted), flow lists `[a, "b"]` and block lists (`  - a`).
 * Anything else (nested maps, multi-line scalars, anchors) is reported, not guessed at.
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
  let listKey: string | undefined;
  for (let index = 1; index < end; index++) {
    const line = lines[index] ?? '';
    const lineNumber = index + 1;
    if (/^\s*(#.*)?$/.test(line)) continue;
    const item = /^\s+-\s+(.*)$|^\s*-\s*$|^-\s+(.*)$/.exec(line);
    if (item && listKey !== undefined) {
      const list = result.data[listKey];
      const value = parseScalar(item[1] ?? item[2] ?? '');
      if (Array.isArray(list) && value.ok) list.push(value.value);
      else result.errors.push({ line: lineNumber, message: `cannot read list item: ${line.trim()}` });
      continue;
    }
    const entry = /^([^\s:#][^:]*?):(?:\s+(.*))?$/.exec(line);
    if (!entry) {
      result.errors.push({ line: lineNumber, message: `cannot read property line: ${line.trim()}` });
      listKey = undefined;
      continue;
    }
    const key = entry[1] ?? '';
    const raw = (entry[2] ?? '').trim();
    if (key in result.data) result.errors.push({ line: lineNumber, message: `duplicate property "${key}"` });
    result.keyLines[key] = lineNumber;
    if (raw === '') {
      // Either an empty value or the head of a block list; a following `- item` decides.
      result.data[key] = isListNext(lines, index + 1, end) ? [] : null;
      listKey = key;
      continue;
    }
    listKey = undefined;
    const value = raw.startsWith('[') ? parseFlowList(raw) : parseScalar(raw);
    if (value.ok) result.data[key] = value.value;
    else result.errors.push({ line: lineNumber, message: `cannot read value of "${key}": ${value.error}` });
  }
  return result;
}

type Parse = { ok: true; value: ParsedValue } | { ok: false; error: string };

function isListNext(lines: string[], from: number, end: number): boolean {
  for (let index = from; index < end; index++) {
    const line = lines[index] ?? '';
    if (/^\s*(#.*)?$/.test(line)) continue;
    return /^\s*-(\s|$)/.test(line);
  }
  return false;
}

function parseScalar(raw: string): Parse {
  const text = stripComment(raw).trim();
  if (text.startsWith('"')) {
    try {
      const value: unknown = JSON.parse(text);
      return typeof value === 'string' ? { ok: true, value } : { ok: false, error: 'bad double-quoted string' };
    } catch {
      return { ok: false, error: 'bad double-quoted string' };
    }
  }
  if (text.startsWith("'")) {
    const match = /^'((?:[^']|'')*)'$/.exec(text);
    return match ? { ok: true, value: (match[1] ?? '').replace(/''/g, "'") } : { ok: false, error: 'bad single-quoted string' };
  }
  if (text === '' || text === '~' || text === 'null') return { ok: true, value: null };
  if (text === 'true' || text === 'false') return { ok: true, value: text === 'true' };
  if (/^[-+]?(?:\d+|\d*\.\d+)(?:e[-+]?\d+)?$/i.test(text)) return { ok: true, value: Number(text) };
  if (/^[\[\]{}&*!|>%@`]/.test(text)) return { ok: false, error: `unsupported YAML: ${text}` };
  return { ok: true, value: text };
}

function parseFlowList(raw: string): Parse {
  const text = stripComment(raw).trim();
  if (!text.endsWith(']')) return { ok: false, error: 'unterminated list' };
  const inner = text.slice(1, -1).trim();
  if (inner === '') return { ok: true, value: [] };
  const items: ParsedValue[] = [];
  // Split on commas outside quotes.
  for (const part of inner.match(/\s*(?:"(?:[^"\\]|\\.)*"|'(?:[^']|'')*'|[^,]+)/g) ?? []) {
    if (part.trim() === '') continue;
    const value = parseScalar(part);
    if (!value.ok) return value;
    items.push(value.value);
  }
  return { ok: true, value: items };
}

function stripComment(text: string): string {
  if (text.startsWith('"') || text.startsWith("'")) return text;
  const index = text.search(/\s#/);
  return index === -1 ? text : text.slice(0, index);
}

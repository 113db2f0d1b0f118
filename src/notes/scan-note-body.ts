import { CALLOUT_TYPES } from './note-schema.js';

/**
 * Reads a note body the way Obsidian would for links: ignoring fenced code blocks (also inside
 * callouts) and inline code. Reports malformed callouts and code fences on the way.
 */
export interface NoteBodyScan {
  wikilinks: Array<{ target: string; line: number }>;
  /** Markdown links without a URL scheme: relative paths to notes or files. */
  links: Array<{ target: string; line: number }>;
  problems: Array<{ line: number; message: string }>;
}

const FENCE_OPEN = /^ {0,3}(`{3,}|~{3,})(.*)$/;
const CALLOUT_HEADER = /^\[!([^\]\s]*)\]([+-]?)(?:\s+.*)?$/;
const WIKILINK = /!?\[\[([^\[\]\n]*?)\]\]/g;
const MARKDOWN_LINK = /!?\[((?:[^\[\]]|\[[^\[\]]*\])*)\]\(\s*(<[^>\n]*>|[^\s)]+)(?:\s+(?:"[^"]*"|'[^']*'))?\s*\)/g;
const INLINE_CODE = /(`+)(?:(?!\1)[^\n])*?\1/g;

export function scanNoteBody(lines: readonly string[], firstLineNumber: number): NoteBodyScan {
  const scan: NoteBodyScan = { wikilinks: [], links: [], problems: [] };
  let fence: { char: string; length: number; depth: number; line: number } | undefined;
  let inCallout = false;

  lines.forEach((raw, index) => {
    const line = firstLineNumber + index;
    const { depth, content } = unquote(raw, Infinity);

    if (fence) {
      if (depth < fence.depth) {
        scan.problems.push({ line: fence.line, message: 'code fence is never closed' });
        fence = undefined;
      } else {
        const inner = unquote(raw, fence.depth).content;
        const close = /^ {0,3}(`{3,}|~{3,})\s*$/.exec(inner);
        if (close?.[1] && close[1][0] === fence.char && close[1].length >= fence.length) fence = undefined;
        return;
      }
    }

    if (depth === 0) {
      if (inCallout && content.trim() !== '') {
        scan.problems.push({ line, message: 'callout line is missing its "> " prefix' });
      }
      inCallout = false;
    }

    const open = FENCE_OPEN.exec(content);
    if (open?.[1] && !(open[1][0] === '`' && open[2]?.includes('`'))) {
      fence = { char: open[1][0] ?? '`', length: open[1].length, depth, line };
      return;
    }

    if (depth > 0 && content.startsWith('[!')) {
      const header = CALLOUT_HEADER.exec(content);
      if (!header) {
        scan.problems.push({ line, message: `malformed callout header: ${raw.trim()}` });
      } else if (!CALLOUT_TYPES.has((header[1] ?? '').toLowerCase())) {
        scan.problems.push({ line, message: `unknown callout type "${header[1] ?? ''}"` });
      }
      inCallout = true;
    }

    const text = content.replace(INLINE_CODE, ' ');
    for (const match of text.matchAll(WIKILINK)) {
      const target = (match[1] ?? '').split('|')[0]?.split('#')[0]?.trim() ?? '';
      if (target) scan.wikilinks.push({ target, line });
    }
    for (const match of text.matchAll(MARKDOWN_LINK)) {
      let target = (match[2] ?? '').replace(/^<|>$/g, '');
      if (/^[a-z][a-z0-9+.-]*:/i.test(target) || target.startsWith('#')) continue;
      target = target.replace(/[?#].*$/, '');
      try {
        target = decodeURIComponent(target);
      } catch {
        scan.problems.push({ line, message: `link target is not URL-encoded properly: ${match[2] ?? ''}` });
        continue;
      }
      if (target) scan.links.push({ target, line });
    }
  });

  if (fence) scan.problems.push({ line: fence.line, message: 'code fence is never closed' });
  return scan;
}

/** Strips up to `levels` blockquote markers (`>` with an optional space). */
function unquote(line: string, levels: number): { depth: number; content: string } {
  let depth = 0;
  let content = line;
  while (depth < levels) {
    const match = /^ {0,3}> ?/.exec(content);
    if (!match) break;
    content = content.slice(match[0].length);
    depth++;
  }
  return { depth, content };
}

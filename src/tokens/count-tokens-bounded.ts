/**
 * Keeps a BPE count linear and bounded. gpt-tokenizer merges each pre-tokenized piece in time that
 * grows with the square of its length, and an unbroken run (100 KB of letters, a 1 MB tool name, a
 * minified line) is one piece: measured, 100 KB of letters took 13.8 s on the main thread, stalling every
 * stream and /health. So runs longer than MAX_RUN are counted in MAX_RUN slices (a cut can split one
 * token: at most +1 per slice), and past EXACT_LIMIT characters the rest of a text is extrapolated at the
 * rate measured on what was counted. Both bounds leave ordinary prose and code counted exactly.
 */
export const MAX_RUN = 256;
export const EXACT_LIMIT = 256 * 1024;

export function countTokensBounded(text: string, count: (text: string) => number): number {
  const head = text.length > EXACT_LIMIT ? text.slice(0, EXACT_LIMIT) : text;
  const tokens = countHead(head, count);
  if (head.length === text.length) return tokens;
  return tokens + Math.ceil(((text.length - head.length) * tokens) / head.length);
}

/** Exact count unless a run needs cutting; then slice by slice. */
function countHead(text: string, count: (text: string) => number): number {
  const cuts = longRunCuts(text);
  if (cuts.length === 0) return count(text);
  let tokens = 0;
  let start = 0;
  for (const cut of cuts) {
    tokens += count(text.slice(start, cut));
    start = cut;
  }
  return tokens + count(text.slice(start));
}

/** Offsets where a piece must end: every MAX_RUN characters inside a run of one kind (space or not). */
function longRunCuts(text: string): number[] {
  const cuts: number[] = [];
  let runStart = 0;
  let runIsSpace = false;
  for (let index = 0; index < text.length; index++) {
    const isSpace = isWhitespace(text.charCodeAt(index));
    if (isSpace !== runIsSpace) {
      runStart = index;
      runIsSpace = isSpace;
    } else if (index - runStart >= MAX_RUN) {
      cuts.push(index);
      runStart = index;
    }
  }
  return cuts;
}

function isWhitespace(code: number): boolean {
  return code === 32 || (code >= 9 && code <= 13) || code === 0xa0 || code === 0x3000 || (code >= 0x2000 && code <= 0x200a);
}

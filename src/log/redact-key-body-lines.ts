import { REDACTED } from './secret-patterns.js';

/**
 * The body of a PEM or PGP private key without its BEGIN line, as retrieval cuts it: a snippet that
 * starts inside the key, or one that ends with the key's `-----END … PRIVATE KEY-----`. Walked line by line
 * (a regex over a run of lines backtracks quadratically on a large base64 file with no END). Base64 lines
 * elsewhere, with no key around them, are left alone: that is test data far more often than a key.
 */
const BASE64_LINE = /^[ \t]*[A-Za-z0-9+/]{1,76}={0,2}[ \t]*\r?$/;
// A snippet's first line that may be the inside of a key: long (PEM wraps at 64, OpenSSH at 70, the
// last line is shorter) and random (mixes cases and digits, which hex hashes and words do not).
const KEY_START_LINE = /^[ \t]*(?=[A-Za-z0-9+/]*[0-9+/])(?=[A-Za-z0-9+/]*[a-z])(?=[A-Za-z0-9+/]*[A-Z])[A-Za-z0-9+/]{16,76}={0,2}[ \t]*\r?$/;
const END_LINE = /^[ \t]*-----END [A-Z0-9 ]{0,40}PRIVATE KEY(?: BLOCK)?-----/;
const PGP_ARMOR = /^[ \t]*(?:[A-Za-z-]{1,20}: .{0,200}|=[A-Za-z0-9+/]{4}|)\r?$/;

// PGP armor may sit between the BEGIN line and the body: `Comment: …` headers and a blank line.
const MAX_ARMOR_LINES = 4;

export function redactKeyBodyLines(text: string): string {
  const hasEnd = text.includes('-----END');
  // Without an END line only the first few lines matter: skip splitting a large text.
  const head = hasEnd ? text : text.split('\n', MAX_ARMOR_LINES + 1);
  const lines = typeof head === 'string' ? head.split('\n') : head;
  let keyStart = 0;
  while (keyStart < Math.min(lines.length - 1, MAX_ARMOR_LINES) && PGP_ARMOR.test(lines[keyStart]!)) keyStart++;
  const startsInKey = KEY_START_LINE.test(lines[keyStart] ?? '');
  if (!startsInKey && !hasEnd) return text;
  const all = hasEnd ? lines : text.split('\n');
  const hidden = new Array<boolean>(all.length).fill(false);

  // A snippet that begins inside a key: its leading run of key lines.
  if (startsInKey) {
    for (let index = keyStart; index < all.length && BASE64_LINE.test(all[index]!); index++) hidden[index] = true;
  }
  // Every END line hides the run of base64 (and PGP armor) lines above it.
  for (let index = 0; hasEnd && index < all.length; index++) {
    if (!END_LINE.test(all[index]!)) continue;
    hidden[index] = true;
    for (let above = index - 1; above >= 0 && !hidden[above] && isBodyLine(all[above]!); above--) hidden[above] = true;
  }
  const result: string[] = [];
  for (let index = 0; index < all.length; index++) {
    if (!hidden[index]) result.push(all[index]!);
    else if (index === 0 || !hidden[index - 1]) result.push(REDACTED);
  }
  return result.join('\n');
}

function isBodyLine(line: string): boolean {
  return BASE64_LINE.test(line) || PGP_ARMOR.test(line);
}

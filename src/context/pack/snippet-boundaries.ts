/**
 * Where a snippet may start: never on a bare import line (a model learns nothing from it) and never
 * inside the function before the one that matched.
 */

// `import x from 'y'`, `import {`, `export * from`, `const x = require('y')`, Python, Go and Java imports, Rust and
// PHP `use`, C# `using`, Ruby `require`, C `#include`, package and namespace lines.
const IMPORT_START = /^\s*(?:import\b|export\s+(?:\*|\{[^}]*\})\s+from\b|(?:const|let|var)\s+[\w${}\s,:]+=\s*require\(|from\s+[\w.]+\s+import\b|use\s+[\w:\\]+|using\s+(?:static\s+)?[\w.]+(?:\s*=\s*[\w.<>]+)?\s*;|package\s+[\w.]+\s*;?\s*$|namespace\s+[\w\\]+\s*;|#include\b|require\s*\(|require(?:_relative)?\s+['"]|<\?php\s*$|['"]use strict['"])/;
const IMPORT_END = /(?:\bfrom\s+['"][^'"]+['"]|require\(['"][^'"]+['"]\)|^\s*import\s+['"][^'"]+['"]|^\s*import\s+(?:static\s+)?[\w.*]+(?:\s+as\s+\w+)?(?:\s*,\s*[\w.]+(?:\s+as\s+\w+)?)*|^\s*from\s+[\w.]+\s+import\s+[^(]*|^\s*\)|^\s*(?:use|using|package|namespace)\b.*|require(?:_relative)?\s+['"][^'"]+['"]|#include.*|<\?php|['"]use strict['"])\s*;?\s*$/;
const BLANK = /^\s*$/;

/**
 * The first line at or after `start` (up to `end`) that is not part of an import block or blank;
 * `end + 1` when the range holds nothing else.
 */
export function skipImports(lines: readonly string[], start: number, end: number): number {
  let line = start;
  while (line <= end) {
    const text = lines[line - 1] ?? '';
    if (BLANK.test(text)) {
      line++;
      continue;
    }
    if (!IMPORT_START.test(text)) return line;
    // A multi-line import runs until the line that names its module (or closes its list: Go, Python).
    let last = line;
    while (last < end && !IMPORT_END.test(lines[last - 1] ?? '') && !/;\s*$/.test(lines[last - 1] ?? '')) last++;
    line = last + 1;
  }
  return end + 1;
}

/**
 * A long unit is cut around its focus line: the cut starts at the last definition that begins at or
 * before the focus (so the snippet opens on a whole definition), else at a blank line shortly before it.
 */
export function cutStartFor(lines: readonly string[], from: number, focus: number, definitionStarts: readonly number[]): number {
  let best = -1;
  for (const start of definitionStarts) if (start >= from && start <= focus && start > best) best = start;
  if (best >= 0 && focus - best < 60) return best;
  for (let line = focus; line >= Math.max(from, focus - 15); line--) if (BLANK.test(lines[line - 1] ?? '')) return line + 1;
  return Math.max(from, focus - 15);
}

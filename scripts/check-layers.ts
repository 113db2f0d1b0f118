/**
 * `npm run check:layers` (part of `npm test`): reads every import in src/ and fails when a layer
 * imports upward or a file or folder cycle appears. Type-only imports count: a type cycle is still a
 * knot for the reader. Specifiers are read with a regex, which is enough for our own code (static
 * `import … from`, `export … from`, and `import('…')` with a literal).
 */
import { readdirSync, readFileSync } from 'node:fs';
import { dirname, join, posix, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { findLayerViolations, type ImportEdge } from './find-layer-violations.js';

const SPECIFIER = /(?:\bfrom\s*|\bimport\s*\(\s*|^\s*import\s+)['"](\.{1,2}\/[^'"]+)['"]/gm;

export function readImportEdges(sourceRoot: string): ImportEdge[] {
  const edges: ImportEdge[] = [];
  for (const entry of readdirSync(sourceRoot, { recursive: true, withFileTypes: true })) {
    if (!entry.isFile() || !entry.name.endsWith('.ts')) continue;
    const file = join(entry.parentPath, entry.name);
    const from = relative(sourceRoot, file).split('\\').join('/');
    for (const match of readFileSync(file, 'utf8').matchAll(SPECIFIER)) {
      const to = posix.normalize(posix.join(posix.dirname(from), match[1]!)).replace(/\.js$/, '.ts');
      // Test helpers outside src/ (test/support) are not part of the layering.
      if (!to.startsWith('../')) edges.push({ from, to });
    }
  }
  return edges;
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const sourceRoot = join(dirname(fileURLToPath(import.meta.url)), '..', 'src');
  const edges = readImportEdges(sourceRoot);
  const problems = findLayerViolations(edges);
  if (problems.length > 0) {
    process.stderr.write(`Layering check failed (${problems.length}):\n${problems.map((problem) => `  ${problem}`).join('\n')}\n`);
    process.exit(1);
  }
  process.stdout.write(`Layering check: ${edges.length} imports, no upward import, no file or folder cycle.\n`);
}

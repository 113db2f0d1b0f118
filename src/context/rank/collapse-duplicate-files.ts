import type { SearchSnapshot } from '../index/search-snapshot.js';

/** Directories that hold another build of the same sources (ESM and CommonJS builds, type declarations). */
const BUILD_SEGMENTS = new Set(['dist', 'build', 'out', 'lib', 'src', 'esm', 'esm5', 'es2015', 'es', 'cjs', 'umd', 'types', 'bundle', 'bundles', 'module']);
const SOURCE_EXTENSION = /(?:\.d)?\.[cm]?[jt]sx?$/;

/** `libs/rxjs/dist/cjs/internal/map.js` and `libs/rxjs/src/internal/map.ts` → `libs/rxjs/internal/map`. */
export function duplicateKeyOf(path: string): string | undefined {
  if (!SOURCE_EXTENSION.test(path)) return undefined;
  return path
    .replace(SOURCE_EXTENSION, '')
    .split('/')
    .filter((segment) => !BUILD_SEGMENTS.has(segment))
    .join('/');
}

/** Same place in two builds, and (when both are indexed) mostly the same definitions. */
function sameDefinitions(first: string, second: string, snapshot: SearchSnapshot | undefined): boolean {
  const a = snapshot?.fileOf(first);
  const b = snapshot?.fileOf(second);
  if (!a || !b) return true;
  const names = new Set(a.symbols.map((symbol) => symbol.name));
  const other = new Set(b.symbols.map((symbol) => symbol.name));
  if (names.size === 0 && other.size === 0) return true;
  let shared = 0;
  for (const name of other) if (names.has(name)) shared++;
  return shared / Math.max(1, Math.min(names.size, other.size)) >= 0.5;
}

/**
 * Near-duplicate files (one module shipped as ESM, CommonJS and `.d.ts`) count once: ranked units of
 * a copy whose better-ranked twin is already in the list are dropped, so five copies of one operator
 * never fill the budget. `ranked` is best first; the first path seen for a key wins.
 */
export function collapseDuplicateFiles<T extends { path: string }>(ranked: readonly T[], snapshot: SearchSnapshot | undefined): T[] {
  const winners = new Map<string, string[]>();
  const dropped = new Set<string>();
  return ranked.filter((unit) => {
    if (dropped.has(unit.path)) return false;
    const key = duplicateKeyOf(unit.path);
    if (key === undefined) return true;
    const seen = winners.get(key);
    if (!seen) {
      winners.set(key, [unit.path]);
      return true;
    }
    if (seen.includes(unit.path)) return true;
    if (seen.some((winner) => sameDefinitions(winner, unit.path, snapshot))) {
      dropped.add(unit.path);
      return false;
    }
    seen.push(unit.path);
    return true;
  });
}

import { isAbsolute, relative, resolve, sep } from 'node:path';

/** Where codex-ctx writes its session notes unless `logDir` says otherwise (repo-relative). */
export const DEFAULT_NOTES_DIRECTORY = 'docs/codex-ctx';

/**
 * Repo-relative directories retrieval must never quote: codex-ctx's own session notes (wherever
 * `logDir` points, and the default place, where older notes may still lie). Notes quote the code and
 * the questions of earlier sessions, so once indexed they outrank the code they describe.
 */
export function notesDirectories(repoRoot: string, configured: readonly string[] = []): string[] {
  const root = resolve(repoRoot);
  const directories = new Set<string>([DEFAULT_NOTES_DIRECTORY]);
  for (const directory of configured) {
    const inside = relative(root, resolve(root, directory));
    // A notes directory outside the repository (or the repository itself) excludes nothing here.
    if (inside && !inside.startsWith('..') && !isAbsolute(inside)) directories.add(inside.split(sep).join('/'));
  }
  return [...directories];
}

/** A predicate: is this repo-relative path inside one of the directories? */
export function isInDirectories(directories: readonly string[]): (path: string) => boolean {
  const prefixes = directories.map((directory) => `${directory.replace(/\/+$/, '')}/`);
  return (path) => prefixes.some((prefix) => path.startsWith(prefix));
}

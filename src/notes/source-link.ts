import { isAbsolute, relative, resolve, sep } from 'node:path';

/**
 * How a note points at a repository file: a relative Markdown link to the real file,
 * `[src/a.ts:10-20](../../src/a.ts#L10-L20)`, computed from the note's folder and the repo root.
 *
 * Why not a wikilink `[[src/a.ts]]`: Obsidian only resolves wikilinks to files it indexes; for a source
 * file that is not in the vault it records an unresolved link, which the graph draws as a "ghost" node
 * (that was the bug). Why not a stub note per source file: it would make real graph nodes, but it
 * duplicates the source, goes stale when the code moves, and leaves hundreds of files to clean up; and
 * clicking it opens the stub, not the code.
 *
 * What the relative link gives, and its honest limits (from Obsidian's help pages on Internal links and
 * Graph view; not verified against a running Obsidian here):
 * - It is a real path, so it opens the file in GitHub, VS Code and any Markdown viewer, and
 *   `validateNotes` checks it resolves on disk. GitHub also highlights the `#L10-L20` range.
 * - Obsidian treats a Markdown link without a URL scheme as an internal link. When the vault contains
 *   the file (e.g. the vault is the repo root), the link resolves to an existing non-note file: not a
 *   ghost; the graph shows such files only with its "Attachments" filter on.
 * - When the vault is narrower than the repo (only `docs/`), the target lies outside the vault and
 *   Obsidian cannot resolve it: it stays an unresolved link, drawn as a grey node unless the graph's
 *   "Existing files only" filter is on. No portable link avoids that (a `file://` URL would, but is
 *   machine-specific and leaks home paths), so open the repo root as the vault if the graph matters.
 */
export function sourceLink(options: {
  /** Repo-relative, forward slashes (already redacted). */
  path: string;
  startLine: number;
  endLine: number;
  noteDir: string;
  repoRoot: string;
}): string {
  const { path, startLine, endLine } = options;
  const lines = endLine > startLine ? `${startLine}-${endLine}` : `${startLine}`;
  const label = `${path}:${lines}`.replace(/[\[\]\\|#^]/g, '_');
  const target = resolve(options.repoRoot, path);
  let href = relative(options.noteDir, target).split(sep).join('/');
  if (!href.startsWith('.') && !isAbsolute(href)) href = `./${href}`;
  const fragment = endLine > startLine ? `#L${startLine}-L${endLine}` : `#L${startLine}`;
  return `[${label}](${encodeLinkPath(href)}${fragment})`;
}

/** Markdown link destinations must be URL-encoded (spaces as %20), parentheses included. */
export function encodeLinkPath(path: string): string {
  return path
    .split('/')
    .map((segment) =>
      segment === '.' || segment === '..'
        ? segment
        : encodeURIComponent(segment).replace(/[()!*']/g, (char) => `%${char.charCodeAt(0).toString(16).toUpperCase()}`),
    )
    .join('/');
}

import { execFile } from 'node:child_process';
import { readdir } from 'node:fs/promises';
import { join } from 'node:path';
import { isRetrievablePath } from './is-retrievable-path.js';

export interface RepoFileList {
  /** Repo-relative, forward slashes, sorted, already filtered by `isRetrievablePath`. */
  paths: string[];
  /** How the list was made: git honours .gitignore; the walk only skips dot-directories and node_modules. */
  method: 'git' | 'walk';
  /**
   * Git blob ids of tracked files whose work-tree content is what git has (not modified, not a link
   * or submodule): their content is known without reading or even stat-ing them.
   */
  blobs?: ReadonlyMap<string, string> | undefined;
}

const MAX_FILES = 100_000;

function git(repoRoot: string, args: string[]): Promise<string[] | undefined> {
  return new Promise((resolve) => {
    execFile(
      'git',
      ['-c', 'core.quotepath=off', 'ls-files', '-z', ...args],
      { cwd: repoRoot, maxBuffer: 256 * 1024 * 1024, windowsHide: true },
      (error, stdout) => resolve(error ? undefined : stdout.split('\0').filter(Boolean)),
    );
  });
}

/**
 * Tracked files with their blob ids (`-s`), the modified ones (`-m`), and untracked but not ignored
 * ones (`-o`), asked at once: three small processes finish before one `-co` that walks everything.
 */
async function gitListFiles(repoRoot: string): Promise<{ paths: string[]; blobs: Map<string, string> } | undefined> {
  const [staged, modified, untracked] = await Promise.all([
    git(repoRoot, ['-s']),
    git(repoRoot, ['-m']),
    git(repoRoot, ['-o', '--exclude-standard']),
  ]);
  if (!staged || !modified || !untracked) return undefined;
  const changed = new Set(modified);
  const paths = new Set<string>();
  const blobs = new Map<string, string>();
  for (const entry of staged) {
    // `<mode> <blob> <stage>\t<path>`; a conflicted file has several stages and no single content.
    const tab = entry.indexOf('\t');
    const [mode, blob, stage] = entry.slice(0, tab).split(' ');
    const path = entry.slice(tab + 1);
    paths.add(path);
    if (stage === '0' && blob && (mode === '100644' || mode === '100755') && !changed.has(path)) blobs.set(path, blob);
    else blobs.delete(path);
  }
  for (const path of untracked) paths.add(path);
  return { paths: [...paths], blobs };
}

async function walkFiles(repoRoot: string): Promise<string[]> {
  const found: string[] = [];
  const pending = [''];
  while (pending.length > 0 && found.length < MAX_FILES) {
    const directory = pending.pop() ?? '';
    let entries;
    try {
      entries = await readdir(join(repoRoot, directory), { withFileTypes: true });
    } catch {
      continue;
    }
    for (const entry of entries) {
      const path = directory ? `${directory}/${entry.name}` : entry.name;
      if (entry.isDirectory()) {
        if (!entry.name.startsWith('.') && entry.name !== 'node_modules') pending.push(path);
      } else if (entry.isFile()) {
        found.push(path);
      }
    }
  }
  return found;
}

/**
 * The files retrieval may look at: tracked plus untracked-but-not-ignored files from git, or a directory walk outside a git work tree. Secret-named and binary files, and
 * `excluded` ones (codex-ctx's own notes), are dropped here, so no later stage can name them.
 */
export async function listRepoFiles(repoRoot: string, options: { excluded?: ((path: string) => boolean) | undefined } = {}): Promise<RepoFileList> {
  let fromGit = await gitListFiles(repoRoot);
  // Nothing listed while files exist: the directory is ignored by an enclosing repository.
  if (fromGit?.paths.length === 0) fromGit = undefined;
  const method = fromGit ? 'git' : 'walk';
  const excluded = options.excluded ?? (() => false);
  const paths = (fromGit?.paths ?? (await walkFiles(repoRoot))).filter((path) => isRetrievablePath(path) && !excluded(path)).slice(0, MAX_FILES);
  paths.sort();
  return { paths, method, blobs: fromGit?.blobs };
}

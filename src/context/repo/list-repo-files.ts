import { execFile } from 'node:child_process';
import { readdir } from 'node:fs/promises';
import { join } from 'node:path';
import { isRetrievablePath } from './is-retrievable-path.js';

export interface RepoFileList {
  /** Repo-relative, forward slashes, sorted, already filtered by `isRetrievablePath`. */
  paths: string[];
  /** How the list was made: git honours .gitignore; the walk only skips dot-directories and node_modules. */
  method: 'git' | 'walk';
}

const MAX_FILES = 100_000;

function gitListFiles(repoRoot: string): Promise<string[] | undefined> {
  return new Promise((resolve) => {
    execFile(
      'git',
      ['-c', 'core.quotepath=off', 'ls-files', '-co', '--exclude-standard', '-z'],
      { cwd: repoRoot, maxBuffer: 256 * 1024 * 1024, windowsHide: true },
      (error, stdout) => resolve(error ? undefined : stdout.split('\0').filter(Boolean)),
    );
  });
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
 * The files retrieval may look at: `git ls-files -co --exclude-standard` (tracked plus untracked
 * but not ignored), or a directory walk outside a git work tree. Secret-named and binary files, and
 * `excluded` ones (codex-ctx's own notes), are dropped here, so no later stage can name them.
 */
export async function listRepoFiles(repoRoot: string, options: { excluded?: ((path: string) => boolean) | undefined } = {}): Promise<RepoFileList> {
  let fromGit = await gitListFiles(repoRoot);
  // Nothing listed while files exist: the directory is ignored by an enclosing repository.
  if (fromGit?.length === 0) fromGit = undefined;
  const method = fromGit ? 'git' : 'walk';
  const excluded = options.excluded ?? (() => false);
  const paths = (fromGit ?? (await walkFiles(repoRoot))).filter((path) => isRetrievablePath(path) && !excluded(path)).slice(0, MAX_FILES);
  paths.sort();
  return { paths, method };
}

import { execFileSync } from 'node:child_process';
import { afterEach } from 'vitest';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';

export interface TempRepo {
  root: string;
  write(path: string, content: string | Buffer): void;
  remove(): void;
}

/** A throw-away repository: files written as given, optionally `git init` (untracked files are listed). */
export function createTempRepo(files: Record<string, string | Buffer>, options: { git?: boolean } = {}): TempRepo {
  const root = mkdtempSync(join(tmpdir(), 'codex-ctx-repo-'));
  const write = (path: string, content: string | Buffer) => {
    mkdirSync(dirname(join(root, path)), { recursive: true });
    writeFileSync(join(root, path), content);
  };
  for (const [path, content] of Object.entries(files)) write(path, content);
  if (options.git ?? true) execFileSync('git', ['init', '-q'], { cwd: root });
  return { root, write, remove: () => rmSync(root, { recursive: true, force: true }) };
}

/** For a test file: `repoOf(files)` makes a throw-away repository, removed after each test. */
export function useTempRepos(): (files: Record<string, string | Buffer>) => TempRepo {
  const created: TempRepo[] = [];
  afterEach(() => {
    for (const repo of created.splice(0)) repo.remove();
  });
  return (files) => {
    const repo = createTempRepo(files);
    created.push(repo);
    return repo;
  };
}

/** Lines `start..end` (1-based, inclusive) of a text, as the context block quotes them. */
export function linesOf(text: string, start: number, end: number): string {
  return text.split('\n').slice(start - 1, end).join('\n');
}

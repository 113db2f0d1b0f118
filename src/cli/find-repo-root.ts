import { execFile } from 'node:child_process';

/**
 * The repository Codex works in: `git rev-parse --show-toplevel`, else the directory itself.
 * Plain execFile rather than execa: this runs on every start-up, --dry-run included, and execa's
 * ~100 modules cost more to load than the git call itself.
 */
export function findRepoRoot(directory: string): Promise<string> {
  return new Promise((resolve) => {
    const child = execFile('git', ['rev-parse', '--show-toplevel'], { cwd: directory, timeout: 5_000, windowsHide: true }, (error, stdout) => {
      const root = stdout.trim();
      resolve(!error && root ? root : directory);
    });
    child.stdin?.end();
  });
}

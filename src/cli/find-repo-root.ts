import { execa } from 'execa';

/** The repository Codex works in: `git rev-parse --show-toplevel`, else the directory itself. */
export async function findRepoRoot(directory: string): Promise<string> {
  const result = await execa('git', ['rev-parse', '--show-toplevel'], {
    cwd: directory,
    reject: false,
    stdin: 'ignore',
    timeout: 5_000,
  });
  const root = typeof result.stdout === 'string' ? result.stdout.trim() : '';
  return result.exitCode === 0 && root ? root : directory;
}

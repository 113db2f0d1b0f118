import { resolve } from 'node:path';

/** Notes go to `docs/codex-ctx/` at the repo root unless configured; relative paths are from the repo root. */
export const DEFAULT_LOG_DIR = 'docs/codex-ctx';

export function resolveLogDir(repoRoot: string, configured?: string): string {
  return resolve(repoRoot, configured ?? DEFAULT_LOG_DIR);
}

import { mkdirSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { execa } from 'execa';

const RUNNER = fileURLToPath(new URL('../cli/fixtures/run-main.ts', import.meta.url));
const CODEX_BIN = fileURLToPath(new URL('../../node_modules/.bin/codex', import.meta.url));
// By URL: the temp repo codex-ctx runs in cannot resolve the `tsx` package by name.
const TSX_LOADER = import.meta.resolve('tsx');

/**
 * A fresh git repository and a private home (config, state, cache, CODEX_HOME) for running `codex-ctx`
 * as a user does: its own process, the real pinned Codex, Ollama at `ollamaUrl`. stdin is /dev/null so
 * `codex exec` does not wait for piped input; every run is bounded by a timeout.
 */
export async function createCodexCtxWorld(ollamaUrl: string, options: { prefix?: string } = {}) {
  const base = mkdtempSync(join(tmpdir(), options.prefix ?? 'codex-ctx-e2e-'));
  const repo = join(base, 'repo');
  mkdirSync(repo, { recursive: true });
  await execa('git', ['init', '-q'], { cwd: repo });
  const env = {
    PATH: process.env.PATH ?? '',
    HOME: base,
    XDG_CONFIG_HOME: join(base, 'config'),
    XDG_STATE_HOME: join(base, 'state'),
    XDG_CACHE_HOME: join(base, 'cache'),
    CODEX_HOME: join(base, 'codex-home'),
    CODEX_BIN,
    OLLAMA_HOST: ollamaUrl,
    NO_COLOR: '1',
    RUST_LOG: 'error',
  };
  mkdirSync(env.CODEX_HOME);
  const run = (args: string[]) =>
    execa(process.execPath, ['--import', TSX_LOADER, RUNNER, ...args], {
      cwd: repo,
      env,
      extendEnv: false,
      stdin: 'ignore',
      reject: false,
      timeout: 60_000,
    });
  return { base, repo, env, run };
}

import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { execa } from 'execa';

/** The pinned Codex CLI from devDependencies: the real client we must stay compatible with. */
export const CODEX_BIN = fileURLToPath(new URL('../../node_modules/.bin/codex', import.meta.url));

export interface CodexRun {
  exitCode: number | undefined;
  stdout: string;
  stderr: string;
  durationMs: number;
}

/**
 * `codex exec` pointed at a proxy with `-c model_providers…`, a throw-away CODEX_HOME and stdin from
 * /dev/null (spec §1), bounded in time.
 */
export async function runCodexExec(options: {
  baseUrl: string;
  prompt: string;
  model?: string;
  cwd?: string;
  extraArgs?: string[];
  catalog?: object;
  apiKey?: string;
  timeoutMs?: number;
}): Promise<CodexRun> {
  const home = mkdtempSync(join(tmpdir(), 'codex-home-'));
  const cwd = options.cwd ?? mkdtempSync(join(tmpdir(), 'codex-cwd-'));
  const args = [
    'exec',
    '--skip-git-repo-check',
    '-c',
    `model_providers.ctx={name="ctx",base_url="${options.baseUrl}",env_key="CTX_TEST_KEY",wire_api="responses"}`,
    '-c',
    'model_provider=ctx',
    '-m',
    options.model ?? 'qwen3',
  ];
  if (options.catalog) {
    const catalogPath = join(home, 'catalog.json');
    writeFileSync(catalogPath, JSON.stringify(options.catalog));
    args.push('-c', `model_catalog_json="${catalogPath}"`);
  }
  args.push(...(options.extraArgs ?? []), options.prompt);
  const started = Date.now();
  const result = await execa(CODEX_BIN, args, {
    cwd,
    env: { CODEX_HOME: home, CTX_TEST_KEY: options.apiKey ?? 'sk-test', NO_COLOR: '1', RUST_LOG: 'error' },
    stdin: 'ignore',
    reject: false,
    timeout: options.timeoutMs ?? 60_000,
  });
  return { exitCode: result.exitCode, stdout: result.stdout, stderr: result.stderr, durationMs: Date.now() - started };
}

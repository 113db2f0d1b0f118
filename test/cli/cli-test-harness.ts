import { existsSync, mkdirSync, mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { createTerminalOutput, type TerminalOutput } from '../../src/cli/terminal-output.js';

export const FAKE_CODEX = fileURLToPath(new URL('../support/fake-codex.mjs', import.meta.url));

export interface FakeCodexRecord {
  argv: string[];
  env: Record<string, string>;
  cwd: string;
  catalog?: { models: Array<Record<string, any>> };
  request?: { status: number; body: string };
  wrongKeyStatus?: number;
}

/** A throw-away world for main(): its own HOME/XDG dirs, repo dir, captured output and fake Codex. */
export function createCliWorld(env: Record<string, string> = {}) {
  const base = mkdtempSync(join(tmpdir(), 'codex-ctx-cli-'));
  const repo = join(base, 'repo');
  mkdirSync(repo);
  const recordFile = join(base, 'fake-codex.json');
  let stdout = '';
  let stderr = '';
  const output: TerminalOutput = createTerminalOutput({
    stdout: { write: (text: string) => (stdout += text) },
    stderr: { write: (text: string) => (stderr += text) },
  });
  return {
    base,
    repo,
    output,
    env: {
      PATH: process.env.PATH ?? '',
      HOME: base,
      XDG_CONFIG_HOME: join(base, 'config'),
      XDG_STATE_HOME: join(base, 'state'),
      CODEX_BIN: FAKE_CODEX,
      FAKE_CODEX_OUTPUT: recordFile,
      ...env,
    } as Record<string, string | undefined>,
    stdout: () => stdout,
    stderr: () => stderr,
    codexRan: () => existsSync(recordFile),
    codex: () => JSON.parse(readFileSync(recordFile, 'utf8')) as FakeCodexRecord,
    runtime() {
      return { env: this.env, cwd: repo, output };
    },
  };
}

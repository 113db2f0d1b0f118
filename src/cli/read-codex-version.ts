import { execa } from 'execa';
import type { CodexCommand } from './resolve-codex-bin.js';

/** `codex --version`'s last line (`codex-cli 0.171.0`), or why it did not run. */
export async function readCodexVersion(
  codex: CodexCommand,
  env: Record<string, string | undefined>,
): Promise<{ version: string } | { error: string }> {
  const result = await execa(codex.file, [...codex.prefixArgs, '--version'], {
    reject: false,
    stdin: 'ignore',
    timeout: 15_000,
    env,
    extendEnv: false,
  });
  const version = typeof result.stdout === 'string' ? (result.stdout.trim().split('\n').at(-1) ?? '') : '';
  return result.exitCode === 0 && version ? { version } : { error: result.shortMessage ?? 'no version printed' };
}

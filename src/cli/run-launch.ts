import { resolve } from 'node:path';
import { UserFacingError } from './config-error.js';
import type { FlagValues } from './config-layers.js';
import { findRepoRoot } from './find-repo-root.js';
import { inspectCodexArgs, type CodexArgsInfo } from './inspect-codex-args.js';
import { loadConfig } from './load-config.js';
import type { CliRuntime } from './cli-runtime.js';

/**
 * The default command: resolve config, check Ollama, start the proxy with a per-session key, run Codex
 * in the foreground, then shut everything down in reverse order and exit with Codex's code.
 */
export async function runLaunch(
  commandLine: { flags: FlagValues; codexArgs: string[]; dryRun: boolean; json: boolean },
  runtime: CliRuntime,
): Promise<number> {
  const { output, env, cwd } = runtime;
  const info = inspectCodexArgs(commandLine.codexArgs);
  const repoRoot = await findRepoRoot(info.workdir ? resolve(cwd, info.workdir) : cwd);
  const config = await loadConfig({ flags: adoptCodexModel(commandLine.flags, info, runtime), env, cwd, repoRoot, warn: output.warn });

  if (commandLine.dryRun) {
    const { runDryRun } = await import('./run-dry-run.js');
    return runDryRun({ config, codexArgs: info, json: commandLine.json, output });
  }

  // Codex's launcher (execa) loads only here: --dry-run never needs it.
  const [{ resolveCodexBin }, { launchCodex }] = await Promise.all([import('./resolve-codex-bin.js'), import('./launch-codex.js')]);
  const codex = await resolveCodexBin({ configured: config.codexBin, env });
  if (!codex) {
    throw new UserFacingError('Codex not found: install it (npm install -g @openai/codex) or pass --codex-bin <path>');
  }
  // `codex login`, `codex --help`, `codex completion`…: nothing to proxy, run Codex exactly as typed.
  if (!info.needsModel) return finishCodex(await launchCodex({ command: codex, args: commandLine.codexArgs, env, cwd }), runtime);

  // The proxy, context engine and notes load only now: --dry-run and plain Codex commands start faster.
  const { runProxiedCodex } = await import('./run-proxied-codex.js');
  return finishCodex(await runProxiedCodex({ config, codex, info, runtime }), runtime);
}

export function finishCodex(run: { exitCode: number; startError?: string | undefined }, runtime: CliRuntime): number {
  if (run.startError) runtime.output.error(`${run.startError}; install Codex (npm install -g @openai/codex) or pass --codex-bin <path>`);
  return run.exitCode;
}

/**
 * A model named in Codex's own arguments (`exec -m x`, `-c model=x`) is what Codex will use, so it is
 * the one we must check, describe in the catalog and record.
 */
function adoptCodexModel(flags: FlagValues, info: CodexArgsInfo, runtime: CliRuntime): FlagValues {
  if (!info.model || !info.needsModel) return flags;
  if (typeof flags.model === 'string' && flags.model !== info.model) {
    runtime.output.warn(`Codex's own model argument (${info.model}) overrides codex-ctx -m ${flags.model}`);
  }
  return { ...flags, model: info.model };
}

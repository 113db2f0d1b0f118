import type { CliRuntime } from './cli-runtime.js';
import type { FlagValues } from './config-layers.js';
import { loadCommandConfig } from './load-command-config.js';
import { codexCtxVersion, pinnedCodexVersion } from './package-versions.js';
import { readCodexVersion } from './read-codex-version.js';
import { resolveCodexBin } from './resolve-codex-bin.js';

/**
 * `codex-ctx --version`: ours, then the Codex a launch here would run (which one, from where), since
 * a Codex on PATH wins over the pinned one and may not be the release codex-ctx is tested with.
 */
export async function runVersion(commandLine: { flags: FlagValues }, runtime: CliRuntime): Promise<number> {
  const config = await loadCommandConfig(commandLine.flags, runtime);
  runtime.output.data(`codex-ctx ${codexCtxVersion()}`);
  const codex = await resolveCodexBin({ configured: config.codexBin, env: runtime.env });
  if (!codex) {
    runtime.output.data(`codex: not found (codex-ctx is tested with ${pinnedCodexVersion()}; npm install -g @openai/codex)`);
    return 1;
  }
  const read = await readCodexVersion(codex, runtime.env);
  const pinned = pinnedCodexVersion();
  if ('error' in read) {
    runtime.output.data(`codex: ${codex.display} does not run (${read.error})`);
    return 1;
  }
  const tested = read.version.endsWith(pinned) ? 'the tested release' : `codex-ctx is tested with ${pinned}`;
  runtime.output.data(`${read.version} (${codex.display}, from ${codex.origin}; ${tested})`);
  return 0;
}

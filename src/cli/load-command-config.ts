import type { CliRuntime } from './cli-runtime.js';
import type { FlagValues } from './config-layers.js';
import { findRepoRoot } from './find-repo-root.js';
import { loadConfig, type CliConfig } from './load-config.js';

/**
 * The configuration a subcommand runs with: its flags over the environment and config files of the
 * repository it was started in, with ignored untrusted keys said once on stderr.
 */
export async function loadCommandConfig(flags: FlagValues, runtime: CliRuntime): Promise<CliConfig> {
  return loadConfig({ flags, env: runtime.env, cwd: runtime.cwd, repoRoot: await findRepoRoot(runtime.cwd), warn: runtime.output.warn });
}

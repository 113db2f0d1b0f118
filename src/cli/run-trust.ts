import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { CliRuntime } from './cli-runtime.js';
import { UserFacingError } from './config-error.js';
import { PROJECT_CONFIG_FILE } from './default-paths.js';
import { findRepoRoot } from './find-repo-root.js';
import { configTrustState, trustConfigFile, untrustConfigFile } from './project-config-trust.js';

/**
 * `codex-ctx trust` / `untrust` / `trust --show` for the repository's `.codex-ctx.json`. Trust is the
 * file's current bytes: any later change (a pull, a branch switch) needs a new `codex-ctx trust`.
 */
export async function runTrust(commandLine: { action: 'trust' | 'untrust' | 'show' }, runtime: CliRuntime): Promise<number> {
  const file = join(await findRepoRoot(runtime.cwd), PROJECT_CONFIG_FILE);
  switch (commandLine.action) {
    case 'trust':
      await trustConfigFile(file, runtime.env);
      runtime.output.success(`trusted ${file} as it is now (a change to it needs codex-ctx trust again)`);
      return 0;
    case 'untrust':
      if (await untrustConfigFile(file, runtime.env)) runtime.output.success(`no longer trusting ${file}`);
      else runtime.output.info(`${file} was not trusted`);
      return 0;
    case 'show': {
      const text = await readFile(file, 'utf8').catch((error: NodeJS.ErrnoException) => {
        if (error.code === 'ENOENT') return undefined;
        throw new UserFacingError(`${file}: cannot read (${error.code ?? error.message})`);
      });
      if (text === undefined) {
        runtime.output.data(`${file}: no such file`);
        return 0;
      }
      const state = await configTrustState(file, text, runtime.env);
      const words = { trusted: 'trusted', untrusted: 'not trusted', changed: 'changed since trusted (not trusted)' }[state];
      runtime.output.data(`${file}: ${words}`);
      return 0;
    }
    default: {
      const unhandled: never = commandLine.action;
      throw new Error(`unhandled trust action ${String(unhandled)}`);
    }
  }
}

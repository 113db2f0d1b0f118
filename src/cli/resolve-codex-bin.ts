import { constants } from 'node:fs';
import { access, stat } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { delimiter, dirname, join } from 'node:path';

/**
 * Which Codex to run: `--codex-bin`/`CODEX_BIN`/config, else `codex` on PATH, else the @openai/codex
 * version pinned in our own package.json, so a fresh install works without a global Codex.
 */
export interface CodexCommand {
  /** What to spawn. */
  file: string;
  /** Arguments that come before Codex's own (the JS launcher when we run the pinned package). */
  prefixArgs: string[];
  /** For messages: "CODEX_BIN", "PATH", "pinned @openai/codex". */
  origin: string;
  /** For messages: the path a user can run. */
  display: string;
}

export async function resolveCodexBin(options: {
  configured?: string | undefined;
  env: Record<string, string | undefined>;
}): Promise<CodexCommand | undefined> {
  if (options.configured) {
    const file = options.configured.includes('/') ? options.configured : await findOnPath(options.configured, options.env);
    return { file: file ?? options.configured, prefixArgs: [], origin: 'configured', display: file ?? options.configured };
  }
  const onPath = await findOnPath('codex', options.env);
  if (onPath) return { file: onPath, prefixArgs: [], origin: 'PATH', display: onPath };
  const pinned = resolvePinnedCodex();
  // The package's launcher is a Node script; run it with this Node so no shebang lookup is needed.
  if (pinned) return { file: process.execPath, prefixArgs: [pinned], origin: 'pinned @openai/codex', display: pinned };
  return undefined;
}

export async function findOnPath(name: string, env: Record<string, string | undefined>): Promise<string | undefined> {
  const directories = (env.PATH ?? '').split(delimiter).filter(Boolean);
  const extensions = process.platform === 'win32' ? (env.PATHEXT ?? '.EXE;.CMD').split(';') : [''];
  for (const directory of directories) {
    for (const extension of extensions) {
      const candidate = join(directory, name + extension);
      try {
        await access(candidate, constants.X_OK);
        if ((await stat(candidate)).isFile()) return candidate;
      } catch {
        // not here; keep looking
      }
    }
  }
  return undefined;
}

function resolvePinnedCodex(): string | undefined {
  try {
    const packageJson = createRequire(import.meta.url).resolve('@openai/codex/package.json');
    return join(dirname(packageJson), 'bin', 'codex.js');
  } catch {
    return undefined;
  }
}

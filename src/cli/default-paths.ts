import { homedir } from 'node:os';
import { isAbsolute, join } from 'node:path';

/**
 * Where codex-ctx keeps its own files, following the XDG base directories (relative XDG values are
 * invalid per the spec and ignored). Nothing here lives in the repository or in Codex's home.
 */
type Environment = Record<string, string | undefined>;

function baseDirectory(env: Environment, variable: string, fallback: string[]): string {
  const value = env[variable];
  if (value && isAbsolute(value)) return value;
  return join(env.HOME || homedir(), ...fallback);
}

/** `$XDG_CONFIG_HOME/codex-ctx/config.json`, default `~/.config/codex-ctx/config.json`. */
export function userConfigPath(env: Environment): string {
  return join(baseDirectory(env, 'XDG_CONFIG_HOME', ['.config']), 'codex-ctx', 'config.json');
}

/** The proxy's log: outside the notes vault (it is not a note) and outside the repo (no accidental commit). */
export function proxyLogPath(env: Environment): string {
  return join(baseDirectory(env, 'XDG_STATE_HOME', ['.local', 'state']), 'codex-ctx', 'codex-ctx.log');
}

export const PROJECT_CONFIG_FILE = '.codex-ctx.json';
export const DEFAULT_LOG_DIR = join('docs', 'codex-ctx');

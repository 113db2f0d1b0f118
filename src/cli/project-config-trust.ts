import { createHash } from 'node:crypto';
import { mkdir, readFile, realpath, rename, writeFile } from 'node:fs/promises';
import { dirname, join, resolve } from 'node:path';
import { userConfigPath } from './default-paths.js';
import { UserFacingError } from './config-error.js';

/**
 * Which repository config files the user has trusted, as `mise trust` / `direnv allow` do: the file's path
 * and the sha256 of its bytes, kept in the user's config dir (never in the repository). A file whose bytes
 * changed since it was trusted is untrusted again, so a `git pull` cannot slip in a new `codexBin`.
 */
type Environment = Record<string, string | undefined>;

/** Absolute file path → sha256 hex of the trusted bytes. */
type TrustStore = Record<string, string>;

export function trustStorePath(env: Environment): string {
  return join(dirname(userConfigPath(env)), 'trusted-configs.json');
}

export function hashConfigText(text: string | Buffer): string {
  return createHash('sha256').update(text).digest('hex');
}

export type TrustState = 'trusted' | 'untrusted' | 'changed';

/** `changed`: trusted once, but its bytes differ now. */
export async function configTrustState(file: string, text: string, env: Environment): Promise<TrustState> {
  const recorded = (await readTrustStore(env))[await canonicalPath(file)];
  if (recorded === undefined) return 'untrusted';
  return recorded === hashConfigText(text) ? 'trusted' : 'changed';
}

/** Records the file's current bytes as trusted; returns the hash recorded. */
export async function trustConfigFile(file: string, env: Environment): Promise<string> {
  let bytes: Buffer;
  try {
    bytes = await readFile(file);
  } catch (error) {
    throw new UserFacingError(`${file}: cannot read (${(error as NodeJS.ErrnoException).code ?? (error as Error).message})`);
  }
  const hash = hashConfigText(bytes);
  const store = await readTrustStore(env);
  store[await canonicalPath(file)] = hash;
  await writeTrustStore(env, store);
  return hash;
}

/** Forgets the file; true when it had been trusted. */
export async function untrustConfigFile(file: string, env: Environment): Promise<boolean> {
  const store = await readTrustStore(env);
  const key = await canonicalPath(file);
  if (!(key in store)) return false;
  delete store[key];
  await writeTrustStore(env, store);
  return true;
}

export async function readTrustStore(env: Environment): Promise<TrustStore> {
  let text: string;
  try {
    text = await readFile(trustStorePath(env), 'utf8');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return {};
    throw new UserFacingError(`${trustStorePath(env)}: cannot read (${(error as NodeJS.ErrnoException).code ?? (error as Error).message})`);
  }
  try {
    const parsed: unknown = JSON.parse(text);
    if (parsed === null || typeof parsed !== 'object' || Array.isArray(parsed)) return {};
    return Object.fromEntries(Object.entries(parsed).filter((entry): entry is [string, string] => typeof entry[1] === 'string'));
  } catch {
    // A damaged store trusts nothing; `codex-ctx trust` rewrites it.
    return {};
  }
}

async function writeTrustStore(env: Environment, store: TrustStore): Promise<void> {
  const file = trustStorePath(env);
  await mkdir(dirname(file), { recursive: true, mode: 0o700 });
  // Write then rename: a crash never leaves half a store.
  const temporary = `${file}.${process.pid}.tmp`;
  await writeFile(temporary, `${JSON.stringify(store, null, 2)}\n`, { mode: 0o600 });
  await rename(temporary, file);
}

/** One key per file whatever path led to it (symlinked checkouts, `..`). */
async function canonicalPath(file: string): Promise<string> {
  try {
    return await realpath(file);
  } catch {
    return resolve(file);
  }
}

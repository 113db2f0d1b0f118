import { readFileSync } from 'node:fs';

/**
 * codex-ctx's own version and the Codex release it pins (package.json), for `--version` and `doctor`.
 * Read from the package file rather than copied into code, so an upgrade changes one line.
 */
interface PackageJson {
  version: string;
  dependencies?: Record<string, string>;
}

let cached: PackageJson | undefined;

function packageJson(): PackageJson {
  // dist/cli/ and src/cli/ both sit two levels below the package root.
  return (cached ??= JSON.parse(readFileSync(new URL('../../package.json', import.meta.url), 'utf8')) as PackageJson);
}

export function codexCtxVersion(): string {
  return packageJson().version;
}

/** The exact @openai/codex release codex-ctx is tested with. */
export function pinnedCodexVersion(): string {
  return packageJson().dependencies?.['@openai/codex'] ?? 'unknown';
}

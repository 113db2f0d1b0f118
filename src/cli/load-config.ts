import { readFile, realpath, stat } from 'node:fs/promises';
import { basename, dirname, isAbsolute, join, resolve } from 'node:path';
import { backendsConfigSchema, DEFAULT_BACKEND_NAME, type BackendsConfig } from '../backends/backends-config-schema.js';
import { normalizeOllamaUrl, DEFAULT_OLLAMA_URL } from '../backends/ollama/normalize-ollama-url.js';
import type { BridgeDialect, ConfigLayer } from './config-schema.js';
import { UserFacingError } from './config-error.js';
import {
  getPath,
  layerFromEnv,
  layerFromFile,
  layerFromFlags,
  type Environment,
  type FlagValues,
  type LayerWithLabels,
} from './config-layers.js';
import { DEFAULT_LOG_DIR, PROJECT_CONFIG_FILE, userConfigPath } from './default-paths.js';
import { configTrustState, type TrustState } from './project-config-trust.js';
import { dropUntrustedKeys, isInside } from './untrusted-config-keys.js';
import { DEFAULT_BACKEND_TIMEOUT_SECONDS } from '../backends/backend-deadline.js';

/**
 * Resolves the settings for one run. Precedence: flags > environment > project file (`.codex-ctx.json`
 * at the repo root) > user file (`$XDG_CONFIG_HOME/codex-ctx/config.json`) > defaults.
 * The first problem stops the run with one line naming the file or variable, the key and what is expected.
 */
export interface BridgeConfig {
  url: string;
  dialect: BridgeDialect;
  token?: string | undefined;
}

export interface CliConfig {
  repoRoot: string;
  /** Undefined: pick the first model Ollama lists. */
  model?: string | undefined;
  /** Where the model came from ("--model", "CODEX_CTX_MODEL", a file). */
  modelSource?: string | undefined;
  /**
   * An embedding model on the configured backend (opt-in semantic retrieval). Allowed in an untrusted
   * repository config, like `model`: it names a model on a backend the user chose, sending nothing elsewhere.
   */
  embedModel?: string | undefined;
  ollamaUrl: string;
  bridge?: BridgeConfig | undefined;
  contextBudget?: number | undefined;
  context: boolean;
  /** Turn tool calls the model writes as text into real calls (issue 14). */
  toolRescue: boolean;
  logDir: string;
  log: boolean;
  codexBin?: string | undefined;
  port?: number | undefined;
  numCtx?: number | undefined;
  /** Seconds the model server may stay silent (to its first byte, between chunks). */
  backendTimeout: number;
  codexPrompt: boolean;
  verbose: boolean;
  /** Browser origins the proxy answers (user config); none by default. */
  allowedOrigins: string[];
  /** Extra backends and model routing; the default Ollama (ollamaUrl) always exists. */
  backends: BackendsConfig;
  /** Config files that existed and were read, in precedence order (user first). */
  files: string[];
}

export async function loadConfig(options: {
  flags: FlagValues;
  env: Environment;
  cwd: string;
  repoRoot: string;
  /** Where to say that an untrusted repository config had settings ignored (one line). */
  warn?: ((line: string) => void) | undefined;
}): Promise<CliConfig> {
  const { env, cwd, repoRoot } = options;
  const userFile = await readLayerFile(userConfigPath(env), repoRoot);
  // A cloned repository speaks last among files but is trusted least: see untrusted-config-keys.ts.
  let projectTrusted = false;
  const projectFile = await readLayerFile(join(repoRoot, PROJECT_CONFIG_FILE), repoRoot, async (layer, file, text) => {
    const state = await configTrustState(file, text, env);
    projectTrusted = state === 'trusted';
    if (projectTrusted) return layer;
    const trustedBackends = new Set([DEFAULT_BACKEND_NAME, ...Object.keys(userFile?.layer.backends ?? {})]);
    // Judged where it really leads: a symlink committed in the repo may point anywhere.
    const logDirReal = layer.logDir === undefined ? undefined : await realLocation(layer.logDir);
    const split = dropUntrustedKeys(layer, { repoRoot: await realLocation(repoRoot), trustedBackends, logDirReal });
    if (split.ignored.length > 0) options.warn?.(untrustedWarning(file, split.ignored, state));
    return split.layer;
  });
  const fromEnv = layerFromEnv(env);
  const fromFlags = layerFromFlags(options.flags);
  // Paths typed by the user are relative to where they typed them.
  for (const layer of [fromEnv, fromFlags]) resolvePaths(layer.layer, cwd, cwd);

  const layers = [userFile, projectFile, fromEnv, fromFlags].filter(
    (layer): layer is LayerWithLabels => layer !== undefined,
  );
  const merged = layers.reduce<ConfigLayer>(
    (result, { layer }) => ({
      ...result,
      ...layer,
      bridge: { ...result.bridge, ...layer.bridge },
      backends: { ...result.backends, ...layer.backends },
      routes: { ...result.routes, ...layer.routes },
    }),
    {},
  );
  const modelSource = [...layers].reverse().find((layer) => layer.layer.model !== undefined)?.sources.model;

  // Routes may name a backend defined in another file, so they are checked once merged.
  const backends = backendsConfigSchema.safeParse({ backends: merged.backends, routes: merged.routes });
  if (!backends.success) {
    const issue = backends.error.issues[0]!;
    // Name the file that wrote the offending entry (the later file wins, as in the merge).
    const [section, entry] = issue.path as [string, string | undefined];
    const origin = [projectFile, userFile].find((file) => entry !== undefined && (file?.layer as Record<string, any> | undefined)?.[section]?.[entry] !== undefined);
    throw new UserFacingError(`${origin?.file ?? 'config'}: ${issue.path.join('.')}: ${issue.message}`);
  }

  // The default notes folder is the repository's too: a committed `docs/codex-ctx` symlink leading out
  // of it would write notes anywhere, so it is judged like a logDir the repository set.
  const defaultLogDir = join(repoRoot, DEFAULT_LOG_DIR);
  let log = merged.log ?? true;
  if (log && merged.logDir === undefined && !projectTrusted) {
    const real = await realLocation(defaultLogDir);
    if (!isInside(await realLocation(repoRoot), real)) {
      options.warn?.(
        `${DEFAULT_LOG_DIR} leads outside the repository (to ${real}): not writing notes there; choose a folder with --log-dir or logDir in your own config`,
      );
      log = false;
    }
  }

  const bridgeUrl = merged.bridge?.url;
  return {
    backends: backends.data,
    repoRoot,
    model: merged.model,
    modelSource,
    embedModel: merged.embedModel,
    ollamaUrl: merged.ollamaUrl ? normalizeOllamaUrl(merged.ollamaUrl) : DEFAULT_OLLAMA_URL,
    bridge: bridgeUrl
      ? { url: bridgeUrl.replace(/\/+$/, ''), dialect: merged.bridge?.dialect ?? 'root', token: merged.bridge?.token }
      : undefined,
    contextBudget: merged.contextBudget,
    context: merged.context ?? true,
    toolRescue: merged.toolRescue ?? true,
    logDir: merged.logDir ?? defaultLogDir,
    log,
    codexBin: merged.codexBin,
    // 0 means "any free port", which is also what no port means.
    port: merged.port || undefined,
    numCtx: merged.numCtx,
    backendTimeout: merged.backendTimeout ?? DEFAULT_BACKEND_TIMEOUT_SECONDS,
    codexPrompt: merged.codexPrompt ?? false,
    allowedOrigins: merged.allowedOrigins ?? [],
    verbose: merged.verbose ?? false,
    files: [userFile, projectFile].flatMap((layer) => (layer ? [layer.file] : [])),
  };
}

type LayerFilter = (layer: ConfigLayer, file: string, text: string) => Promise<ConfigLayer>;

async function readLayerFile(
  file: string,
  repoRoot: string,
  filter?: LayerFilter,
): Promise<(LayerWithLabels & { file: string }) | undefined> {
  let text: string;
  try {
    text = await readFile(file, 'utf8');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
    throw new UserFacingError(`${file}: cannot read (${(error as Error).message})`);
  }
  let raw: unknown;
  try {
    raw = JSON.parse(text);
  } catch (error) {
    throw new UserFacingError(`${file}: not valid JSON (${(error as Error).message})`);
  }
  const layer = layerFromFile(raw, file);
  // Paths in a file are relative to the repository (logDir) or to the file itself (codexBin).
  resolvePaths(layer.layer, repoRoot, dirname(file));
  if (filter) layer.layer = await filter(layer.layer, file, text);
  if (getPath(layer.layer, 'bridge.token') !== undefined) await refuseReadableSecret(file);
  return { ...layer, file };
}

/** A token in a file others can read is a leaked token; stop before using it. */
async function refuseReadableSecret(file: string): Promise<void> {
  if (process.platform === 'win32') return;
  const { mode } = await stat(file);
  if ((mode & 0o044) === 0) return;
  throw new UserFacingError(
    `${file}: holds bridge.token but other users can read it (mode ${(mode & 0o777).toString(8)}); run: chmod 600 ${file} (or put the token in SMARTGPT_BRIDGE_TOKEN instead)`,
  );
}

/** The real path of `path`, or of its nearest existing ancestor joined with the rest. */
async function realLocation(path: string): Promise<string> {
  try {
    return await realpath(path);
  } catch {
    const parent = dirname(path);
    return parent === path ? path : join(await realLocation(parent), basename(path));
  }
}

function untrustedWarning(file: string, ignored: string[], state: TrustState): string {
  const why = state === 'changed' ? 'changed since you trusted it' : 'is not trusted';
  return `${file} ${why}: ignoring ${ignored.join(', ')} (settings that run programs, send data or write files); to use them run: codex-ctx trust`;
}

function resolvePaths(layer: ConfigLayer, logDirBase: string, binBase: string): void {
  if (layer.logDir) layer.logDir = resolve(logDirBase, layer.logDir);
  // A bare name ("codex") is looked up on PATH; only paths are resolved.
  if (layer.codexBin && !isAbsolute(layer.codexBin) && /[\\/]/.test(layer.codexBin)) {
    layer.codexBin = resolve(binBase, layer.codexBin);
  }
}

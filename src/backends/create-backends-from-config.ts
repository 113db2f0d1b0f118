import type { Backend, BackendKind } from './backend.js';
import { createBackendRouter, type BackendRoute } from './backend-router.js';
import { DEFAULT_BACKEND_NAME, type BackendsConfig } from './backends-config-schema.js';
import type { Logger } from '../log/logger.js';
import { BACKEND_KINDS } from './backend-kinds.js';

export interface BackendsFromConfigOptions {
  /** The default Ollama's URL, already normalised (`--ollama-url`, OLLAMA_HOST). */
  ollamaUrl: string;
  logger?: Logger | undefined;
  numCtx?: number | undefined;
  maxNumCtx?: number | undefined;
  keepAlive?: string | number | undefined;
  heartbeatIntervalMs?: number | undefined;
  /** `--backend-timeout`, in ms; default 300 s. */
  backendTimeoutMs?: number | undefined;
  /** Where `apiKeyEnv` is read; default `process.env`. */
  env?: Readonly<Record<string, string | undefined>> | undefined;
}

/**
 * The validated `backends`/`routes` config section → the one Backend the proxy talks to. The `ollama`
 * backend always exists (a config entry of that name overrides its URL); the `*` route picks the
 * default, `ollama` otherwise. Only backends some route can reach are created. With a single reachable
 * backend there is no router in between.
 */
export function createBackendsFromConfig(config: BackendsConfig, options: BackendsFromConfigOptions): Backend {
  const entries: Record<string, { type: string }> = {
    [DEFAULT_BACKEND_NAME]: { type: 'ollama', url: options.ollamaUrl } as { type: 'ollama'; url: string },
    ...config.backends,
  };
  const routes: BackendRoute[] = [];
  let defaultName = DEFAULT_BACKEND_NAME;
  for (const [pattern, backend] of Object.entries(config.routes ?? {})) {
    if (pattern === '*') defaultName = backend;
    else routes.push({ pattern, backend });
  }

  const backends: Record<string, Backend> = {};
  for (const name of new Set([defaultName, ...routes.map((route) => route.backend)])) {
    const entry = entries[name];
    if (!entry) throw new Error(`routes: no backend named "${name}"; define it under "backends"`);
    const kind = BACKEND_KINDS.find((candidate) => candidate.type === entry.type) as BackendKind | undefined;
    if (!kind) throw new Error(`backends.${name}: unknown type "${entry.type}"`);
    backends[name] = kind.create(entry as never, {
      name,
      logger: options.logger,
      env: options.env ?? process.env,
      numCtx: options.numCtx,
      maxNumCtx: options.maxNumCtx,
      keepAlive: options.keepAlive,
      heartbeatIntervalMs: options.heartbeatIntervalMs,
      backendTimeoutMs: options.backendTimeoutMs,
    });
  }
  const names = Object.keys(backends);
  if (names.length === 1) return backends[names[0]!]!;
  return createBackendRouter({ backends, routes, default: defaultName, logger: options.logger });
}

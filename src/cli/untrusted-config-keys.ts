import { isAbsolute, relative } from 'node:path';
import type { ConfigLayer } from './config-schema.js';
import { DEFAULT_MAX_NUM_CTX } from '../backends/ollama/resolve-context-window.js';

/**
 * What an untrusted repository config may not set: anything that runs a program (`codexBin`), decides
 * where prompts, code or credentials are sent (`ollamaUrl`, `bridge.url`, `bridge.token`, `backends`,
 * which carry URLs and name environment variables to send as API keys, `allowedOrigins`, which lets web
 * pages read our answers) or where files are written
 * (`logDir` outside the repository). Everything else (model, budgets, routes between backends the user
 * configured) only shapes the work and stays in effect.
 */
export interface UntrustedSplit {
  layer: ConfigLayer;
  /** Dotted keys dropped, in file order, for the one warning line. */
  ignored: string[];
}

export function dropUntrustedKeys(
  layer: ConfigLayer,
  options: { repoRoot: string; trustedBackends: Set<string>; /** logDir with symlinks resolved. */ logDirReal?: string | undefined },
): UntrustedSplit {
  const kept: ConfigLayer = { ...layer };
  const ignored: string[] = [];
  const drop = (key: string) => ignored.push(key);

  if (kept.codexBin !== undefined) (delete kept.codexBin, drop('codexBin'));
  if (kept.ollamaUrl !== undefined) (delete kept.ollamaUrl, drop('ollamaUrl'));
  if (kept.bridge) {
    const { url, token, ...harmless } = kept.bridge;
    if (url !== undefined) drop('bridge.url');
    if (token !== undefined) drop('bridge.token');
    kept.bridge = harmless;
  }
  if (kept.backends !== undefined) (delete kept.backends, drop('backends'));
  // Lets a web page read answers built from the repository's code: a data destination like a URL.
  if (kept.allowedOrigins !== undefined) (delete kept.allowedOrigins, drop('allowedOrigins'));
  if (kept.logDir !== undefined && !isInside(options.repoRoot, options.logDirReal ?? kept.logDir)) (delete kept.logDir, drop('logDir'));
  // A window is harmless up to the cap we apply to a model's own: beyond it a repository could make
  // Ollama reserve a KV cache of many GB (or fail to load) on the user's machine.
  if (kept.numCtx !== undefined && kept.numCtx > DEFAULT_MAX_NUM_CTX) {
    kept.numCtx = DEFAULT_MAX_NUM_CTX;
    ignored.push(`numCtx above ${DEFAULT_MAX_NUM_CTX}`);
  }
  if (kept.routes) {
    // A route may only point at a backend the user defined; one naming a dropped backend goes too.
    const routes = Object.entries(kept.routes);
    const usable = routes.filter(([, backend]) => options.trustedBackends.has(backend));
    for (const [pattern] of routes) if (!usable.some(([kept]) => kept === pattern)) drop(`routes.${pattern}`);
    kept.routes = Object.fromEntries(usable);
  }
  return { layer: kept, ignored };
}

export function isInside(root: string, path: string): boolean {
  const fromRoot = relative(root, path);
  return fromRoot === '' || (!fromRoot.startsWith('..') && !isAbsolute(fromRoot));
}

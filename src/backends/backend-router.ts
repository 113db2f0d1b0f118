import { endpointNotSupported, type Backend, type ModelListing } from './backend.js';
import { silentLogger, type Logger } from '../log/logger.js';

export interface BackendRoute {
  /** A model name, or a glob where `*` matches any run of characters (`qwen3-*`, `*`). */
  pattern: string;
  /** A key of `backends`. */
  backend: string;
}

export interface BackendRouterOptions {
  backends: Record<string, Backend>;
  routes: BackendRoute[];
  /** The backend for models no route matches. */
  default: string;
  logger?: Logger | undefined;
}

export interface BackendRouter extends Required<Backend> {
  /** The backend a model's requests go to. */
  resolve(model: string): Backend;
}

/**
 * Several backends behind the one Backend interface, chosen per request by model name, so the routes
 * never know there is more than one. Exact names win over globs, globs are tried in the order given,
 * and the default takes the rest. Matching ignores case, as Ollama's model names do.
 */
export function createBackendRouter(options: BackendRouterOptions): BackendRouter {
  const logger = options.logger ?? silentLogger;
  const lookup = (name: string): Backend => {
    const backend = options.backends[name];
    if (!backend) throw new Error(`backend router: no backend named "${name}" (known: ${Object.keys(options.backends).join(', ')})`);
    return backend;
  };
  const fallback = lookup(options.default);
  const exact = new Map<string, Backend>();
  const globs: Array<{ pattern: RegExp; backend: Backend }> = [];
  for (const route of options.routes) {
    const backend = lookup(route.backend);
    if (!route.pattern.includes('*')) {
      if (!exact.has(route.pattern.toLowerCase())) exact.set(route.pattern.toLowerCase(), backend);
    } else globs.push({ pattern: globToRegExp(route.pattern), backend });
  }

  const resolve = (model: string): Backend => {
    const key = model.toLowerCase();
    const named = exact.get(key);
    if (named) return named;
    for (const glob of globs) if (glob.pattern.test(key)) return glob.backend;
    return fallback;
  };

  return {
    name: Object.keys(options.backends).join('+'),
    resolve,

    /**
     * Every backend's models in one list. A model two backends both list appears once, from the
     * backend its requests are routed to; a backend that is down is left out (and logged) rather than
     * hiding the others, unless all of them are down.
     */
    async listModels(signal) {
      const entries = Object.entries(options.backends);
      const settled = await Promise.allSettled(entries.map(([, backend]) => backend.listModels(signal)));
      const byId = new Map<string, { model: ModelListing; routed: boolean }>();
      let firstError: unknown;
      settled.forEach((result, index) => {
        const [name, backend] = entries[index]!;
        if (result.status === 'rejected') {
          firstError ??= result.reason;
          logger.warn('backend did not list its models', { backend: name, error: String(result.reason) });
          return;
        }
        for (const model of result.value) {
          const routed = resolve(model.id) === backend;
          const seen = byId.get(model.id);
          if (!seen || (routed && !seen.routed)) byId.set(model.id, { model, routed });
        }
      });
      if (byId.size === 0 && firstError !== undefined) throw firstError;
      return [...byId.values()].map((entry) => entry.model);
    },

    describeModel: (model, signal) => resolve(model).describeModel(model, signal),
    createResponse: (request, call) => resolve(request.model).createResponse(request, call),
    async createChatCompletion(request, call) {
      const backend = resolve(request.model);
      if (!backend.createChatCompletion) throw endpointNotSupported(backend.name, 'chat completions', request.model);
      return backend.createChatCompletion(request, call);
    },
    async createCompletion(request, call) {
      const backend = resolve(request.model);
      if (!backend.createCompletion) throw endpointNotSupported(backend.name, 'completions', request.model);
      return backend.createCompletion(request, call);
    },
    async createEmbeddings(request, call) {
      const backend = resolve(request.model);
      if (!backend.createEmbeddings) throw endpointNotSupported(backend.name, 'embeddings', request.model);
      return backend.createEmbeddings(request, call);
    },
  };
}

function globToRegExp(glob: string): RegExp {
  const source = glob
    .toLowerCase()
    .split('*')
    .map((part) => part.replace(/[.+?^${}()|[\]\\]/g, '\\$&'))
    .join('.*');
  return new RegExp(`^${source}$`, 's');
}

import { H3, HTTPError } from 'h3';
import { silentLogger } from '../log/logger.js';
import { generateId } from '../wire/generate-id.js';
import { ProxyError } from '../wire/openai-error.js';
import type { ProxyOptions } from './proxy-options.js';
import type { ProxyContext } from './proxy-context.js';
import { DEFAULT_BODY_LIMIT_BYTES } from './read-json-body.js';
import { loadTokenizer } from '../tokens/tokenizer.js';
import { registerChatCompletionsRoute } from './routes/chat-completions-route.js';
import { registerCompletionsRoute } from './routes/completions-route.js';
import { registerEmbeddingsRoute } from './routes/embeddings-route.js';
import { registerHealthRoute } from './routes/health-route.js';
import { registerModelsRoutes } from './routes/models-route.js';
import { registerResponsesRoute } from './routes/responses-route.js';
import { createLoopbackGuard } from './guard-loopback-request.js';
import { requireApiKey } from './require-api-key.js';
import { redactProxyError } from './redact-proxy-error.js';

export interface ProxyApp {
  app: H3;
  /** Aborts every in-flight upstream request. */
  shutdown(): void;
}

/** The h3 app without a listening socket: testable with `app.fetch(new Request(...))`. */
export function createProxyApp(options: ProxyOptions): ProxyApp {
  const shutdown = new AbortController();
  const context: ProxyContext = {
    options,
    backend: options.backend,
    logger: options.logger ?? silentLogger,
    bodyLimitBytes: options.bodyLimitBytes ?? DEFAULT_BODY_LIMIT_BYTES,
    heartbeatIntervalMs: options.heartbeatIntervalMs ?? 1000,
    generateId: options.generateId ?? generateId,
    now: options.now ?? Date.now,
    shutdownSignal: shutdown.signal,
  };

  const app = new H3({
    // h3 prints unhandled errors to the console otherwise, over Codex's TUI.
    silent: true,
    onError: (error) => toErrorResponse(error, context),
  });

  // Before anything else, /health included: a foreign Host or a web page gets nothing from us.
  app.use(createLoopbackGuard({ allowedOrigins: options.allowedOrigins }));
  registerHealthRoute(app, context);
  if (options.apiKey) app.use('/v1/**', requireApiKey(options.apiKey));
  // Prompt-size checks count tokens; after the first request this await is a resolved promise.
  app.use('/v1/**', async () => {
    await loadTokenizer();
  });
  registerModelsRoutes(app, context);
  registerResponsesRoute(app, context);
  registerChatCompletionsRoute(app, context);
  registerCompletionsRoute(app, context);
  registerEmbeddingsRoute(app, context);

  return { app, shutdown: () => shutdown.abort() };
}

function toErrorResponse(error: HTTPError, context: ProxyContext): Response {
  const original = findProxyError(error);
  if (original) return redactProxyError(original, context.options.apiKey ? [context.options.apiKey] : []).toResponse();
  if (!error.unhandled) {
    // Routing errors (404 unknown path, 405) keep their status in OpenAI's shape.
    return new ProxyError({ status: error.status, message: error.message, code: error.status === 404 ? 'not_found' : null }).toResponse();
  }
  context.logger.error('unhandled error', { error: String(error.cause ?? error) });
  return new ProxyError({ status: 500, code: 'server_error', message: 'Internal error in codex-ctx (details in its log file).' }).toResponse();
}

function findProxyError(error: unknown): ProxyError | undefined {
  for (let current: unknown = error, depth = 0; current && depth < 4; depth++) {
    if (current instanceof ProxyError) return current;
    current = (current as { cause?: unknown }).cause;
  }
  return undefined;
}

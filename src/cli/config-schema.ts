import { z } from 'zod';
import { backendConfigSchema } from '../backends/backends-config-schema.js';

/**
 * One layer of configuration (a flag set, the environment, a config file). Every layer is validated on
 * its own so an error can name exactly where the bad value came from; layers are merged afterwards.
 * Strict: an unknown key in a file is almost always a typo that would otherwise be silently ignored.
 */
export const BRIDGE_DIALECTS = ['root', 'v0', 'v1'] as const;
export type BridgeDialect = (typeof BRIDGE_DIALECTS)[number];

const positiveInteger = z.int().positive();

const httpUrl = z.string().refine((value) => {
  try {
    return ['http:', 'https:'].includes(new URL(value).protocol);
  } catch {
    return false;
  }
});

// A browser origin: scheme, host and port only, as the `Origin` header carries it.
const webOrigin = z.string().refine((value) => {
  try {
    const url = new URL(value);
    return ['http:', 'https:'].includes(url.protocol) && url.origin === value.replace(/\/+$/, '').toLowerCase();
  } catch {
    return false;
  }
});

// Ollama's own CLI accepts `host`, `host:port` and full URLs in OLLAMA_HOST; so do we.
const ollamaUrl = z.string().refine((value) => {
  const trimmed = value.trim();
  if (!trimmed || /\s/.test(trimmed)) return false;
  try {
    const url = new URL(/^[a-z][a-z0-9+.-]*:\/\//i.test(trimmed) ? trimmed : `http://${trimmed}`);
    return ['http:', 'https:'].includes(url.protocol) && url.hostname !== '';
  } catch {
    return false;
  }
});

export const configLayerSchema = z.strictObject({
  model: z.string().trim().min(1).optional(),
  ollamaUrl: ollamaUrl.optional(),
  bridge: z
    .strictObject({
      url: httpUrl.optional(),
      dialect: z.enum(BRIDGE_DIALECTS).optional(),
      token: z.string().trim().min(1).optional(),
    })
    .optional(),
  contextBudget: positiveInteger.optional(),
  context: z.boolean().optional(),
  // An embedding model on the backend the user configured: adds semantic retrieval (opt-in).
  embedModel: z.string().trim().min(1).optional(),
  toolRescue: z.boolean().optional(),
  logDir: z.string().trim().min(1).optional(),
  log: z.boolean().optional(),
  codexBin: z.string().trim().min(1).optional(),
  port: z.int().min(0).max(65_535).optional(),
  numCtx: positiveInteger.optional(),
  // Seconds to the model server's first byte, and between chunks (backends/backend-deadline.ts).
  backendTimeout: positiveInteger.optional(),
  codexPrompt: z.boolean().optional(),
  verbose: z.boolean().optional(),
  // Web pages allowed to call the proxy (and read its answers); none by default.
  allowedOrigins: z.array(webOrigin).optional(),
  // Backends beyond the default Ollama, and which model names go where (checked again after merging).
  backends: z.record(z.string(), backendConfigSchema).optional(),
  routes: z.record(z.string().min(1), z.string().min(1)).optional(),
});

export type ConfigLayer = z.infer<typeof configLayerSchema>;

/** What a user should have written, per key: the second half of every config error line. */
export const EXPECTED: Record<string, string> = {
  '': 'a JSON object such as {"model": "qwen3:8b"}',
  model: 'a model name such as "qwen3:8b"',
  embedModel: 'an embedding model name such as "nomic-embed-text"',
  ollamaUrl: 'a URL such as http://127.0.0.1:11434 (or host:port)',
  bridge: 'an object {"url", "dialect", "token"}',
  'bridge.url': 'an http(s) URL such as http://127.0.0.1:3210',
  'bridge.dialect': `one of ${BRIDGE_DIALECTS.join(', ')}`,
  'bridge.token': 'a non-empty string',
  contextBudget: 'a positive integer (tokens)',
  context: 'true or false',
  toolRescue: 'true or false',
  logDir: 'a directory path',
  log: 'true or false',
  codexBin: 'a path to the codex executable',
  port: 'a port number from 0 to 65535 (0 picks a free port)',
  numCtx: 'a positive integer (tokens)',
  backendTimeout: 'a positive integer (seconds)',
  codexPrompt: 'true or false',
  verbose: 'true or false',
  backends: 'an object of named backends, e.g. {"lmstudio": {"type": "openai", "url": "http://127.0.0.1:1234/v1", "contextWindow": 32768}}',
  allowedOrigins: 'a list of browser origins such as ["http://localhost:5173"] (scheme, host and port only)',
  routes: 'an object mapping model names or *-globs to backend names, e.g. {"qwen3-coder": "ollama", "*": "lmstudio"}',
};

export const KNOWN_KEYS = Object.keys(configLayerSchema.shape);

import { z } from 'zod';
import { ollamaBackendConfigSchema } from './ollama/ollama-backend-config-schema.js';
import { openaiBackendConfigSchema } from './openai/openai-backend-config-schema.js';

/**
 * The `backends` and `routes` section of the codex-ctx config:
 *
 *   "backends": {
 *     "lmstudio": { "type": "openai", "url": "http://127.0.0.1:1234/v1", "contextWindow": 32768 },
 *     "gpu":      { "type": "ollama", "url": "http://gpu-box:11434" }
 *   },
 *   "routes": { "qwen3-coder": "gpu", "*": "lmstudio" }
 *
 * Each backend entry is validated by its own kind's schema (strict: a typo is an error, not a silent
 * default). Routes map a model name or `*`-glob to a backend; `"*"` alone sets the default, otherwise
 * the default is the `ollama` backend from --ollama-url / OLLAMA_HOST, which always exists.
 */
// The entry schemas only, not backend-kinds.ts: loading a config must not load every backend's client
// (about 50 ms of start-up). A new kind adds its schema here and its factory in backend-kinds.ts.
export const backendConfigSchema = z.discriminatedUnion('type', [ollamaBackendConfigSchema, openaiBackendConfigSchema]);
export type BackendConfig = z.infer<typeof backendConfigSchema>;

/** The name of the Ollama given by `--ollama-url` / OLLAMA_HOST, which exists without any config. */
export const DEFAULT_BACKEND_NAME = 'ollama';

const backendName = z.string().regex(/^[A-Za-z0-9][A-Za-z0-9_.-]*$/, 'expected a name of letters, digits, ".", "_" or "-"');

export const backendsConfigSchema = z
  .strictObject({
    backends: z.record(backendName, backendConfigSchema).optional(),
    routes: z.record(z.string().min(1), z.string().min(1)).optional(),
  })
  .superRefine((config, context) => {
    const known = new Set([DEFAULT_BACKEND_NAME, ...Object.keys(config.backends ?? {})]);
    for (const [pattern, backend] of Object.entries(config.routes ?? {})) {
      if (!known.has(backend)) {
        context.addIssue({
          code: 'custom',
          path: ['routes', pattern],
          message: `no backend named "${backend}"; define it under "backends" (known: ${[...known].join(', ')})`,
        });
      }
    }
  });
export type BackendsConfig = z.infer<typeof backendsConfigSchema>;

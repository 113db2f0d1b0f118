import { z } from 'zod';
import { BACKEND_KINDS, DEFAULT_BACKEND_NAME } from './backend-kinds.js';

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
type ConfigSchemas<Kinds extends readonly BackendKindLike[]> = { -readonly [Index in keyof Kinds]: Kinds[Index]['configSchema'] };
interface BackendKindLike {
  configSchema: z.ZodObject;
}

const entrySchemas = BACKEND_KINDS.map((kind) => kind.configSchema) as unknown as ConfigSchemas<typeof BACKEND_KINDS>;
export const backendConfigSchema = z.discriminatedUnion('type', entrySchemas);
export type BackendConfig = z.infer<typeof backendConfigSchema>;

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

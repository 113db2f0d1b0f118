import { z } from 'zod';

const apiKeyEnvName = /^[A-Za-z_][A-Za-z0-9_]*$/;

/**
 * `{"type": "openai", "url": "http://127.0.0.1:1234/v1", "apiKeyEnv": "LMSTUDIO_KEY", "contextWindow": 32768}`
 * under `backends`. `apiKeyEnv` keeps the key out of the config file. Its own module, apart from the
 * backend's code, so loading a config does not load the OpenAI client.
 */
export const openaiBackendConfigSchema = z.strictObject({
  type: z.literal('openai'),
  url: z.url({ protocol: /^https?$/ }),
  apiKey: z.string().min(1).optional(),
  apiKeyEnv: z.string().regex(apiKeyEnvName, 'expected an environment variable name').optional(),
  contextWindow: z.int().positive().optional(),
  responses: z.boolean().optional(),
});

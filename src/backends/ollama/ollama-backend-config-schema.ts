import { z } from 'zod';
import { normalizeOllamaUrl } from './normalize-ollama-url.js';

/**
 * `{"type": "ollama", "url": "http://gpu-box:11434"}` under `backends`. Its own module, apart from the
 * backend's code, so loading a config (every command, the dry-run too) does not load the Ollama client.
 */
export const ollamaBackendConfigSchema = z.strictObject({
  type: z.literal('ollama'),
  // Any spelling OLLAMA_HOST accepts (`host:port`, a full URL).
  url: z.string().refine(isOllamaUrl, 'expected a URL such as http://127.0.0.1:11434 (or host:port)'),
});

function isOllamaUrl(value: string): boolean {
  try {
    return value.trim() !== '' && Boolean(normalizeOllamaUrl(value));
  } catch {
    return false;
  }
}

/**
 * `OLLAMA_HOST` comes in many spellings (`0.0.0.0`, `localhost:11434`, `http://host:port/`); Ollama's own
 * CLI accepts all of them, so we do too. A bind-all address means "this machine" for a client.
 */
export const DEFAULT_OLLAMA_URL = 'http://127.0.0.1:11434';

export function normalizeOllamaUrl(value: string | undefined): string {
  const raw = value?.trim();
  if (!raw) return DEFAULT_OLLAMA_URL;
  const withScheme = /^[a-z][a-z0-9+.-]*:\/\//i.test(raw) ? raw : `http://${raw}`;
  const url = new URL(withScheme);
  if (!url.port && !/^[a-z]+:\/\/[^/]*:\d+/i.test(withScheme)) url.port = url.protocol === 'https:' ? '443' : '11434';
  if (url.hostname === '0.0.0.0' || url.hostname === '[::]') url.hostname = '127.0.0.1';
  return url.toString().replace(/\/+$/, '');
}

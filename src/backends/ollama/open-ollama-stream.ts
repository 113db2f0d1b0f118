import http, { type IncomingMessage } from 'node:http';
import https from 'node:https';
import { armBackendDeadline, BackendTimeoutError, isConnectionReset } from '../backend-deadline.js';
import { OllamaError, parseOllamaErrorText } from './ollama-client.js';

/**
 * POSTs to a streaming Ollama endpoint with node:http and resolves once response headers arrive.
 * undici's fetch costs ~0.5 ms more per request than node:http with a keep-alive agent, and this is
 * the one call on every model request.
 */
const agents = {
  'http:': new http.Agent({ keepAlive: true, maxSockets: 64 }),
  'https:': new https.Agent({ keepAlive: true, maxSockets: 64 }),
};

// Where each endpoint is, parsed once: a URL object per request (and node:http converting it back
// to options) cost ~50 µs.
const targets = new Map<string, { transport: typeof http | typeof https; options: http.RequestOptions }>();

function targetOf(baseUrl: string, path: string) {
  const key = `${baseUrl} ${path}`;
  let target = targets.get(key);
  if (!target) {
    const url = new URL(path, `${baseUrl}/`);
    const secure = url.protocol === 'https:';
    target = {
      transport: secure ? https : http,
      options: {
        protocol: url.protocol,
        // As node:http reads a URL: IPv6 without brackets, the scheme's port when none is given.
        hostname: url.hostname.replace(/^\[|\]$/g, ''),
        ...(url.port !== '' ? { port: Number(url.port) } : {}),
        path: `${url.pathname}${url.search}`,
        method: 'POST',
        agent: agents[secure ? 'https:' : 'http:'],
        ...(url.username || url.password ? { auth: `${decodeURIComponent(url.username)}:${decodeURIComponent(url.password)}` } : {}),
      },
    };
    targets.set(key, target);
  }
  return target;
}

export function openOllamaStream(options: {
  baseUrl: string;
  path: string;
  payload: string;
  signal: AbortSignal;
  /** To the first byte, then between chunks (see backend-deadline.ts); none when absent. */
  timeoutMs?: number | undefined;
}): Promise<IncomingMessage> {
  const { transport, options: target } = targetOf(options.baseUrl, options.path);
  return new Promise((resolve, reject) => {
    if (options.signal.aborted) return reject(options.signal.reason);
    const request = transport.request(
      {
        ...target,
        headers: {
          'content-type': 'application/json',
          'content-length': Buffer.byteLength(options.payload),
          accept: 'application/x-ndjson',
        },
      },
      resolve,
    );
    request.setNoDelay(true);
    armBackendDeadline(request, { backend: `Ollama at ${options.baseUrl}`, timeoutMs: options.timeoutMs });
    const abort = () => request.destroy(options.signal.reason instanceof Error ? options.signal.reason : new Error('aborted'));
    options.signal.addEventListener('abort', abort, { once: true });
    // Once the response completes (or dies), the listener has nothing left to abort.
    request.once('close', () => options.signal.removeEventListener('abort', abort));
    request.once('error', (error) => {
      if (options.signal.aborted) return reject(options.signal.reason);
      if (error instanceof BackendTimeoutError) return reject(error);
      const code = (error as NodeJS.ErrnoException).code ?? error.message;
      // Connected, then dropped before any answer: a crash or restart, not a wrong URL; worth a retry.
      if (isConnectionReset(code)) {
        return reject(new OllamaError({ kind: 'reset', baseUrl: options.baseUrl, message: `Ollama at ${options.baseUrl} dropped the connection before answering (${code})`, cause: error }));
      }
      reject(new OllamaError({ kind: 'unreachable', baseUrl: options.baseUrl, message: `cannot reach Ollama at ${options.baseUrl} (${code})`, cause: error }));
    });
    request.end(options.payload);
  });
}

/** An HTTP error status from Ollama → OllamaError with the message from its `{"error": "…"}` body. */
export async function readOllamaHttpError(response: IncomingMessage, baseUrl: string): Promise<OllamaError> {
  const status = response.statusCode ?? 500;
  const text = await readIncomingText(response).catch(() => '');
  return new OllamaError({ kind: 'http', status, baseUrl, message: parseOllamaErrorText(text, `HTTP ${status}`) });
}

/** Reads a whole (error) body as text. */
export async function readIncomingText(response: IncomingMessage): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const chunk of response) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks).toString('utf8');
}

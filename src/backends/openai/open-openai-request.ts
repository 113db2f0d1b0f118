import http, { type IncomingMessage } from 'node:http';
import https from 'node:https';
import { armBackendDeadline, BackendTimeoutError, isConnectionReset, METADATA_TIMEOUT_MS } from '../backend-deadline.js';
import { OpenAIServerError, parseOpenAIErrorBody } from './openai-server-error.js';

/**
 * One call to an OpenAI-compatible server over node:http with keep-alive, resolving with the response
 * once its headers arrive (status not checked: see `readErrorResponse`). The same reasoning as for
 * Ollama: fetch costs ~0.5 ms more per request, and this is on every model request.
 */
const agents = {
  'http:': new http.Agent({ keepAlive: true, maxSockets: 64 }),
  'https:': new https.Agent({ keepAlive: true, maxSockets: 64 }),
};

export interface OpenAIServer {
  /** The backend's name in config: errors say which server failed. */
  name: string;
  /** Including the API prefix, e.g. `http://127.0.0.1:1234/v1`. */
  baseUrl: string;
  apiKey?: string | undefined;
  /** To the first byte, then between chunks (see backend-deadline.ts); none when absent. */
  timeoutMs?: number | undefined;
}

export function openOpenAIRequest(
  server: OpenAIServer,
  options: {
    method: 'GET' | 'POST';
    path: string;
    payload?: string;
    signal?: AbortSignal | undefined;
    accept?: string;
    /** A metadata call's own short limit instead of the server's deadline. */
    metadataCall?: boolean;
  },
): Promise<IncomingMessage> {
  const url = new URL(`${server.baseUrl}${options.path}`);
  const secure = url.protocol === 'https:';
  const headers: Record<string, string | number> = { accept: options.accept ?? 'application/json' };
  if (options.payload !== undefined) {
    headers['content-type'] = 'application/json';
    headers['content-length'] = Buffer.byteLength(options.payload);
  }
  if (server.apiKey) headers.authorization = `Bearer ${server.apiKey}`;
  const signal = options.signal;
  return new Promise((resolve, reject) => {
    if (signal?.aborted) return reject(signal.reason);
    const request = (secure ? https : http).request(url, { method: options.method, agent: agents[secure ? 'https:' : 'http:'], headers }, resolve);
    request.setNoDelay(true);
    armBackendDeadline(request, {
      backend: `The server "${server.name}" at ${server.baseUrl}`,
      ...(options.metadataCall ? { timeoutMs: METADATA_TIMEOUT_MS, call: options.path } : { timeoutMs: server.timeoutMs }),
    });
    if (signal) {
      const abort = () => request.destroy(signal.reason instanceof Error ? signal.reason : new Error('aborted'));
      signal.addEventListener('abort', abort, { once: true });
      request.once('close', () => signal.removeEventListener('abort', abort));
    }
    request.once('error', (error) => {
      if (signal?.aborted) return reject(signal.reason);
      if (error instanceof BackendTimeoutError) return reject(error);
      const code = (error as NodeJS.ErrnoException).code ?? error.message;
      const reset = isConnectionReset(code);
      reject(
        new OpenAIServerError({
          kind: reset ? 'reset' : 'unreachable',
          backend: server.name,
          baseUrl: server.baseUrl,
          message: reset
            ? `the OpenAI-compatible server "${server.name}" at ${server.baseUrl} dropped the connection before answering (${code})`
            : `cannot reach the OpenAI-compatible server "${server.name}" at ${server.baseUrl} (${code})`,
          cause: error,
        }),
      );
    });
    request.end(options.payload);
  });
}

/** Reads a whole body as text. */
export async function readResponseText(response: IncomingMessage): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const chunk of response) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks).toString('utf8');
}

/** A non-2xx answer as a typed error carrying the server's own message and code. */
export async function readErrorResponse(server: OpenAIServer, response: IncomingMessage): Promise<OpenAIServerError> {
  const status = response.statusCode ?? 500;
  const text = await readResponseText(response).catch(() => '');
  const { message, code } = parseOpenAIErrorBody(text, `HTTP ${status}`);
  return new OpenAIServerError({ kind: 'http', status, code, message, backend: server.name, baseUrl: server.baseUrl });
}

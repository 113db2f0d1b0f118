import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { createOllamaBackend } from '../../src/backends/ollama/create-ollama-backend.js';
import { createOpenAIBackend } from '../../src/backends/openai/create-openai-backend.js';
import type { Backend } from '../../src/backends/backend.js';
import { startProxyServer } from '../../src/proxy/start-proxy-server.js';
import type { RunningProxy } from '../../src/proxy/proxy-options.js';
import { parseSse } from '../support/sse.js';
import { textChunks } from '../support/fake-ollama.js';
import { startTestProxy } from '../support/start-test-proxy.js';

/**
 * A model server that accepts the connection and then fails to answer in one of the ways a stuck
 * server does. The proxy in front of it runs with a 300 ms backend deadline and 20 ms heartbeats.
 */
type Stall = 'no headers' | 'headers then silence' | 'one chunk then silence' | 'reset';

const SHOW = JSON.stringify({ capabilities: ['completion', 'tools'], model_info: { 'general.architecture': 'qwen3', 'qwen3.context_length': 8192 }, details: { family: 'qwen3' } });
const OLLAMA_CHUNK = `${JSON.stringify({ model: 'qwen3', message: { role: 'assistant', content: 'Hel' }, done: false })}\n`;
const OPENAI_FRAME = `data: ${JSON.stringify({ id: 'c1', object: 'chat.completion.chunk', created: 1, model: 'm', choices: [{ index: 0, delta: { content: 'Hel' }, finish_reason: null }] })}\n\n`;

interface StuckServer {
  url: string;
  /** Model calls received (what the stall applies to). */
  calls: string[];
  close(): Promise<void>;
}

async function startStuckServer(options: { stall: Stall; stallShow?: boolean }): Promise<StuckServer> {
  const calls: string[] = [];
  const open = new Set<ServerResponse>();
  const server: Server = createServer((request: IncomingMessage, response: ServerResponse) => {
    request.resume();
    const path = request.url ?? '';
    if (path === '/api/show' && !options.stallShow) return response.writeHead(200, { 'content-type': 'application/json' }).end(SHOW);
    calls.push(path);
    open.add(response);
    if (options.stall === 'no headers') return;
    if (options.stall === 'reset') return void request.once('end', () => request.socket.resetAndDestroy());
    const openai = path.startsWith('/v1/');
    response.writeHead(200, { 'content-type': openai ? 'text/event-stream' : 'application/x-ndjson' });
    response.flushHeaders();
    if (options.stall === 'one chunk then silence') response.write(openai ? OPENAI_FRAME : OLLAMA_CHUNK);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    calls,
    close: async () => {
      for (const response of open) response.destroy();
      await new Promise((resolve) => server.close(resolve));
    },
  };
}

const TIMEOUT_MS = 300;
const cleanup: Array<() => Promise<void>> = [];
afterEach(async () => {
  for (const step of cleanup.splice(0).reverse()) await step();
});

async function proxyInFront(kind: 'ollama' | 'openai', stall: Stall, extra: { stallShow?: boolean } = {}): Promise<{ proxy: RunningProxy; stuck: StuckServer }> {
  const stuck = await startStuckServer({ stall, ...extra });
  cleanup.push(() => stuck.close());
  const backend: Backend =
    kind === 'ollama'
      ? createOllamaBackend({ baseUrl: stuck.url, backendTimeoutMs: TIMEOUT_MS, metadataTimeoutMs: TIMEOUT_MS, heartbeatIntervalMs: 20 })
      : createOpenAIBackend({ baseUrl: `${stuck.url}/v1`, backendTimeoutMs: TIMEOUT_MS, heartbeatIntervalMs: 20 });
  const proxy = await startProxyServer({ backend, heartbeatIntervalMs: 20 });
  cleanup.push(() => proxy.close());
  return { proxy, stuck };
}

const post = (proxy: RunningProxy, path: string, body: unknown) =>
  fetch(`${proxy.baseUrl}${path}`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) });

const responsesBody = (stream: boolean) => ({ model: 'qwen3', stream, input: [{ type: 'message', role: 'user', content: [{ type: 'input_text', text: 'hi' }] }] });
const chatBody = (stream: boolean) => ({ model: 'qwen3', stream, messages: [{ role: 'user', content: 'hi' }] });

describe('a backend that stops answering', () => {
  for (const kind of ['ollama', 'openai'] as const) {
    for (const stall of ['no headers', 'headers then silence', 'one chunk then silence'] as const) {
      it(`${kind}, ${stall}: /v1/responses ends in response.failed saying what timed out, and heartbeats stop`, async () => {
        const { proxy } = await proxyInFront(kind, stall);
        const response = await post(proxy, '/responses', responsesBody(true));
        expect(response.status).toBe(200);
        const events = parseSse(await response.text());
        const last = events.at(-1)!;
        expect(last.type).toBe('response.failed');
        // Not retried by Codex: the wait was the whole limit already.
        expect(last.response.error.code).toBe('invalid_prompt');
        expect(last.response.error.message).toMatch(stall === 'no headers' ? /did not start answering within 0\.3 s/ : /went silent for 0\.3 s/);
        expect(last.response.error.message).toContain('--backend-timeout');
        // Heartbeats (response.in_progress) came while waiting, none after the terminal event.
        expect(events.filter((event) => event.type === 'response.in_progress').length).toBeGreaterThan(1);
        expect(events.filter((event) => event.type === 'response.failed')).toHaveLength(1);
      });
    }

    it(`${kind}: a streamed chat completion cut by the deadline ends with an error chunk`, async () => {
      const { proxy } = await proxyInFront(kind, 'one chunk then silence');
      const response = await post(proxy, '/chat/completions', chatBody(true));
      expect(response.status).toBe(200);
      const text = await response.text();
      expect(text).toContain('Hel');
      const errorFrame = text.split('\n\n').find((frame) => frame.includes('"error"'));
      expect(JSON.parse(errorFrame!.slice('data: '.length)).error).toMatchObject({ code: 'backend_timeout', message: expect.stringContaining('--backend-timeout') });
    });

    it(`${kind}: a chat completion with no answer at all is a 504 naming the limit`, async () => {
      const { proxy } = await proxyInFront(kind, 'no headers');
      for (const stream of [false, true]) {
        const response = await post(proxy, '/chat/completions', chatBody(stream));
        expect(response.status).toBe(504);
        const body = (await response.json()) as { error: { code: string; message: string } };
        expect(body.error.code).toBe('backend_timeout');
        expect(body.error.message).toMatch(/did not start answering within 0\.3 s; raise the limit with --backend-timeout/);
      }
    });

    it(`${kind}: /v1/completions and /v1/embeddings get a 504 too`, async () => {
      const { proxy } = await proxyInFront(kind, 'no headers');
      const completion = await post(proxy, '/completions', { model: 'qwen3', prompt: 'hi' });
      expect(completion.status).toBe(504);
      const embeddings = await post(proxy, '/embeddings', { model: 'qwen3', input: 'hi' });
      expect(embeddings.status).toBe(504);
      expect(((await embeddings.json()) as { error: { message: string } }).error.message).toContain('--backend-timeout');
    });
  }

  it('ollama: a non-streamed /v1/responses gets a 504', async () => {
    const { proxy } = await proxyInFront('ollama', 'no headers');
    const response = await post(proxy, '/responses', responsesBody(false));
    expect(response.status).toBe(504);
  });

  it('ollama: /api/show that never answers gives the client a 504 at the metadata limit, not silence', async () => {
    const { proxy, stuck } = await proxyInFront('ollama', 'no headers', { stallShow: true });
    const response = await post(proxy, '/responses', responsesBody(true));
    expect(response.status).toBe(504);
    const body = (await response.json()) as { error: { message: string } };
    expect(body.error.message).toMatch(/did not start answering \/api\/show within 0\.3 s/);
    expect(stuck.calls).toEqual(['/api/show']);
  });

  it('ollama: /v1/models against a stuck /api/tags answers with an error instead of hanging', async () => {
    const { proxy } = await proxyInFront('ollama', 'no headers');
    const response = await fetch(`${proxy.baseUrl}/models`);
    expect(response.status).toBe(504);
  });

  for (const kind of ['ollama', 'openai'] as const) {
    it(`${kind}: a connection reset before the answer's headers is its own retryable error, not "cannot reach"`, async () => {
      const { proxy } = await proxyInFront(kind, 'reset');
      const chat = await post(proxy, '/chat/completions', chatBody(false));
      expect(chat.status).toBe(502);
      const error = ((await chat.json()) as { error: { code: string; message: string } }).error;
      expect(error.code).toBe('backend_connection_reset');
      expect(error.message).toMatch(/dropped the connection before answering \(ECONNRESET\)/);
      expect(error.message).not.toMatch(/cannot reach/);
      const events = parseSse(await (await post(proxy, '/responses', responsesBody(true))).text());
      // server_error: the code Codex retries.
      expect(events.at(-1)!.response.error).toMatchObject({ code: 'server_error', message: expect.stringContaining('dropped the connection') });
    });
  }

  it('does not fire on a healthy keep-alive connection that sat idle longer than the deadline between requests', async () => {
    const harness = await startTestProxy({
      fake: { script: () => ({ kind: 'chat', chunks: textChunks('Hello there'), chunkDelayMs: 50 }) },
      backend: { backendTimeoutMs: 200 },
    });
    cleanup.push(() => harness.close());
    for (let round = 0; round < 3; round++) {
      const response = await post(harness.proxy, '/chat/completions', chatBody(false));
      expect(response.status).toBe(200);
      expect(((await response.json()) as { choices: Array<{ message: { content: string } }> }).choices[0]!.message.content).toBe('Hello there');
      await new Promise((resolve) => setTimeout(resolve, 400));
    }
    // One pooled connection served all three: its idle time never counted against a request.
    expect(new Set(harness.ollama.chatRequests().map((request) => request.remotePort)).size).toBe(1);
  });
});

import { mkdtempSync, readdirSync } from 'node:fs';
import { request as httpRequest } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import OpenAI from 'openai';
import { afterEach, describe, expect, it } from 'vitest';
import { createSessionRecorder } from '../../src/notes/create-session-recorder.js';
import { textChunks, type FakeReply } from '../support/fake-ollama.js';
import { startTestProxy, type TestProxy } from '../support/start-test-proxy.js';

/**
 * Only our own clients reach the proxy: a foreign Host (DNS rebinding) or a browser Origin is refused
 * before any work — no backend call, no note — and keys are checked in constant time, any `Bearer` case.
 */
let running: TestProxy | undefined;
let notesDir = '';
afterEach(async () => {
  await running?.close();
  running = undefined;
});

async function start(proxy: { apiKey?: string; allowedOrigins?: string[] } = {}, reply: FakeReply = { kind: 'chat', chunks: textChunks('Hello') }) {
  notesDir = mkdtempSync(join(tmpdir(), 'guard-notes-'));
  const recorder = createSessionRecorder({ logDir: notesDir, repoRoot: notesDir, model: 'qwen3', backend: 'ollama' });
  running = await startTestProxy({ fake: { script: () => reply }, proxy: { recorder, ...proxy } });
  return running;
}

interface RawResponse {
  status: number;
  headers: Record<string, string | string[] | undefined>;
  body: string;
}

/** node:http, because fetch will not send a Host header of our choosing. */
function send(options: { method?: string; path: string; headers?: Record<string, string>; body?: string }): Promise<RawResponse> {
  const port = running!.proxy.port;
  return new Promise((resolve, reject) => {
    const request = httpRequest(
      { host: '127.0.0.1', port, method: options.method ?? 'POST', path: options.path, headers: { host: `127.0.0.1:${port}`, ...options.headers } },
      (response) => {
        let body = '';
        response.setEncoding('utf8');
        response.on('data', (chunk: string) => (body += chunk));
        response.on('end', () => resolve({ status: response.statusCode ?? 0, headers: response.headers, body }));
      },
    );
    request.on('error', reject);
    request.end(options.body);
  });
}

const chat = JSON.stringify({ model: 'qwen3', messages: [{ role: 'user', content: 'read me the repo' }] });
const responses = JSON.stringify({ model: 'qwen3', input: 'read me the repo' });

async function expectNothingDone(): Promise<void> {
  await running!.proxy.close();
  expect(running!.ollama.chatRequests()).toHaveLength(0);
  expect(readdirSync(notesDir)).toEqual([]);
}

describe('the proxy refuses requests that are not from our own clients', () => {
  it.each(['evil.example', 'evil.example:PORT', 'rebind.attacker.test:PORT', '127.0.0.1:1', '127.0.0.1.nip.io:PORT'])(
    'Host %j → 421 before any work (DNS rebinding cannot read answers)',
    async (host) => {
      await start();
      const headers = { 'content-type': 'application/json', host: host.replace('PORT', String(running!.proxy.port)) };
      const answer = await send({ path: '/v1/responses', headers, body: responses });
      expect(answer.status).toBe(421);
      expect(JSON.parse(answer.body).error.code).toBe('misdirected_request');
      expect((await send({ method: 'GET', path: '/health', headers })).status).toBe(421);
      await expectNothingDone();
    },
  );

  it('accepts its own address under every loopback name', async () => {
    await start();
    const port = running!.proxy.port;
    for (const host of [`127.0.0.1:${port}`, `localhost:${port}`, `[::1]:${port}`, `LOCALHOST:${port}`]) {
      expect((await send({ method: 'GET', path: '/health', headers: { host } })).status).toBe(200);
    }
  });

  it('refuses a browser Origin with 403, and sends no CORS headers', async () => {
    await start();
    const answer = await send({ path: '/v1/chat/completions', headers: { 'content-type': 'application/json', origin: 'http://evil.example' }, body: chat });
    expect(answer.status).toBe(403);
    expect(JSON.parse(answer.body).error.message).toContain('allowedOrigins');
    expect(answer.headers['access-control-allow-origin']).toBeUndefined();
    await expectNothingDone();
  });

  it('refuses a text/plain cross-site POST (no preflight needed) the same way', async () => {
    await start();
    const answer = await send({ path: '/v1/responses', headers: { 'content-type': 'text/plain;charset=UTF-8', origin: 'https://evil.example' }, body: responses });
    expect(answer.status).toBe(403);
    expect(answer.headers['access-control-allow-origin']).toBeUndefined();
    await expectNothingDone();
  });

  it('lets an origin the user allowed through, with CORS headers for it alone', async () => {
    await start({ allowedOrigins: ['http://localhost:5173/'] });
    const preflight = await send({ method: 'OPTIONS', path: '/v1/chat/completions', headers: { origin: 'http://localhost:5173' } });
    expect(preflight.status).toBe(204);
    expect(preflight.headers['access-control-allow-origin']).toBe('http://localhost:5173');
    const answer = await send({ path: '/v1/chat/completions', headers: { 'content-type': 'application/json', origin: 'http://localhost:5173' }, body: chat });
    expect(answer.status).toBe(200);
    expect(answer.headers['access-control-allow-origin']).toBe('http://localhost:5173');
    expect((await send({ path: '/v1/chat/completions', headers: { origin: 'http://localhost:5174' }, body: chat })).status).toBe(403);
  });

  it('without an Origin, answers with no CORS headers at all', async () => {
    await start();
    const answer = await send({ path: '/v1/chat/completions', headers: { 'content-type': 'application/json' }, body: chat });
    expect(answer.status).toBe(200);
    expect(Object.keys(answer.headers).filter((name) => name.startsWith('access-control-'))).toEqual([]);
  });
});

describe('the API key', () => {
  const key = 'sk-codex-ctx-test-key-0123456789';

  it('is required on /v1 (the 401 names CODEX_CTX_API_KEY and --api-key), accepted in any Bearer case, and /health stays open', async () => {
    await start({ apiKey: key });
    const headers = { 'content-type': 'application/json' };
    const missing = await send({ path: '/v1/chat/completions', headers, body: chat });
    expect(missing.status).toBe(401);
    expect(JSON.parse(missing.body).error.message).toMatch(/CODEX_CTX_API_KEY \/ --api-key/);
    expect(JSON.parse(missing.body).error.message).not.toContain('OPENAI_API_KEY');
    for (const wrong of [`Bearer ${key}x`, `Bearer ${key.slice(0, -1)}`, 'Bearer ', key, `Basic ${key}`]) {
      expect((await send({ path: '/v1/chat/completions', headers: { ...headers, authorization: wrong }, body: chat })).status).toBe(401);
    }
    for (const scheme of ['Bearer', 'bearer', 'BEARER']) {
      expect((await send({ path: '/v1/chat/completions', headers: { ...headers, authorization: `${scheme} ${key}` }, body: chat })).status).toBe(200);
    }
    expect((await send({ method: 'GET', path: '/health' })).status).toBe(200);
    expect(running!.ollama.chatRequests()).toHaveLength(3);
  });

  it('works with the official openai SDK', async () => {
    await start({ apiKey: key });
    const client = new OpenAI({ baseURL: running!.proxy.baseUrl, apiKey: key, maxRetries: 0 });
    const completion = await client.chat.completions.create({ model: 'qwen3', messages: [{ role: 'user', content: 'hi' }] });
    expect(completion.choices[0]!.message.content).toBe('Hello');
    const refused = new OpenAI({ baseURL: running!.proxy.baseUrl, apiKey: 'sk-wrong', maxRetries: 0 });
    await expect(refused.chat.completions.create({ model: 'qwen3', messages: [{ role: 'user', content: 'hi' }] })).rejects.toMatchObject({ status: 401 });
  });
});

describe('hostile bodies', () => {
  const nested = (depth: number) => '{"type":"object","properties":{"a":'.repeat(depth) + '{}' + '}}'.repeat(depth);

  it.each([
    ['tools[0].parameters', (deep: string) => `{"model":"qwen3","input":"hi","tools":[{"type":"function","name":"f","parameters":${deep}}]}`],
    ['text.format.schema', (deep: string) => `{"model":"qwen3","input":"hi","text":{"format":{"type":"json_schema","name":"x","schema":${deep}}}}`],
  ])('~5,000 levels in %s → 400 naming the field, never a 500', async (field, build) => {
    await start();
    const answer = await send({ path: '/v1/responses', headers: { 'content-type': 'application/json' }, body: build(nested(2500)) });
    expect(answer.status).toBe(400);
    const error = JSON.parse(answer.body).error;
    expect(error.param).toBe(field);
    expect(error.message).toContain(`${field} is nested more than`);
    expect((await send({ method: 'GET', path: '/health' })).status).toBe(200);
    await expectNothingDone();
  });

  it('a malformed body is refused without quoting it back', async () => {
    await start();
    const secret = 'sk_live_51HxQeLAbCdEfGhIjKlMnOpQrStUv';
    const answer = await send({ path: '/v1/chat/completions', headers: { 'content-type': 'application/json' }, body: `{"model": ${secret}` });
    expect(answer.status).toBe(400);
    expect(answer.body).not.toContain('sk_live');
    expect(JSON.parse(answer.body).error.code).toBe('invalid_json');
  });

  it("passes a backend's error text through the redactor before it reaches the client", async () => {
    const key = 'sk_live_51HxQeLAbCdEfGhIjKlMnOpQrStUv';
    await start({}, { kind: 'error', status: 400, error: `cannot parse prompt near "export STRIPE_KEY=${key}"` });
    const answer = await send({ path: '/v1/chat/completions', headers: { 'content-type': 'application/json' }, body: chat });
    expect(answer.status).toBe(400);
    expect(JSON.parse(answer.body).error.message).toContain('cannot parse prompt');
    expect(answer.body).not.toContain(key);
  });
});

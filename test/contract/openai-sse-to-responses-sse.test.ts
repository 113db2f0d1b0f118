/**
 * OpenAI-compatible chat SSE captures (test/fixtures/openai) → the openai backend's production pump
 * (node:http request, eventsource-parser, chat chunks → neutral parts, driver, SSE writer) → Responses
 * SSE, compared with a reviewed file per capture.
 */
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { silentLogger } from '../../src/log/logger.js';
import { streamChatIntoResponsesDriver } from '../../src/backends/openai/responses/stream-chat-into-responses-driver.js';
import { createResponsesStreamDriver } from '../../src/responses/responses-stream-driver.js';
import { createSseResponseSink } from '../../src/proxy/sse-response-sink.js';
import { captures, expectResponsesStreamInvariants, responsesStreamOptions } from './stream-fixtures.js';

const fixtures = captures('openai', '.sse');
let upstream: http.Server;
let upstreamUrl: string;
let proxy: http.Server;
let proxyUrl: string;

beforeAll(async () => {
  // The "server": answers /v1/chat/completions with the capture named in the model field.
  upstream = http.createServer((request, response) => {
    let body = '';
    request.on('data', (chunk: Buffer) => (body += chunk.toString('utf8')));
    request.on('end', () => {
      const capture = fixtures.find(([name]) => name === (JSON.parse(body) as { model: string }).model);
      response.writeHead(200, { 'content-type': 'text/event-stream' });
      response.end(capture?.[1]);
    });
  });
  // Our side: writes the Responses stream with the production sink, as the route does.
  proxy = http.createServer((request, response) => {
    const name = decodeURIComponent((request.url ?? '/').slice(1));
    const driver = createResponsesStreamDriver(responsesStreamOptions(), createSseResponseSink(response));
    void streamChatIntoResponsesDriver({
      server: { name: 'fixture-server', baseUrl: upstreamUrl },
      payload: JSON.stringify({ model: name, stream: true }),
      model: name,
      signal: new AbortController().signal,
      driver,
      logger: silentLogger,
    });
  });
  await Promise.all([new Promise<void>((resolve) => upstream.listen(0, '127.0.0.1', resolve)), new Promise<void>((resolve) => proxy.listen(0, '127.0.0.1', resolve))]);
  upstreamUrl = `http://127.0.0.1:${(upstream.address() as AddressInfo).port}/v1`;
  proxyUrl = `http://127.0.0.1:${(proxy.address() as AddressInfo).port}`;
});

afterAll(async () => {
  await Promise.all([new Promise((resolve) => upstream.close(resolve)), new Promise((resolve) => proxy.close(resolve))]);
});

describe.each(fixtures)('chat SSE %s.sse → Responses SSE', (name) => {
  it('matches the reviewed stream and keeps the invariants Codex relies on', async () => {
    const response = await fetch(`${proxyUrl}/${encodeURIComponent(name)}`);
    expect(response.headers.get('content-type')).toContain('text/event-stream');
    const sse = await response.text();
    expectResponsesStreamInvariants(sse);
    await expect(sse).toMatchFileSnapshot(`__snapshots__/openai-to-responses/${name}.sse`);
  });
});

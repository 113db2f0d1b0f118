/**
 * A fake OpenAI-compatible server (what llama.cpp's server, vLLM and LM Studio expose) on node:http, for
 * tests and benchmarks. It follows OpenAI's documented wire format: `chat.completion.chunk` SSE frames
 * (a role delta first, tool calls as a header fragment then argument fragments per `index`, a finish
 * chunk, the usage chunk with `choices: []` only when `stream_options.include_usage` is set, then
 * `data: [DONE]`), `text_completion` objects, embeddings as floats or little-endian float32 base64, and
 * errors as `{"error": {message, type, param, code}}`. Independent of the code under test; records
 * every request. It has no /v1/responses unless `responses` is given, like most of those servers.
 */
import http from 'node:http';
import type { AddressInfo } from 'node:net';

export interface FakeToolCall {
  id?: string;
  name: string;
  /** JSON text, as the model wrote it. */
  arguments: string;
}

export type FakeOpenAIReply =
  | {
      kind: 'answer';
      text?: string;
      reasoning?: string;
      toolCalls?: FakeToolCall[];
      /** Default: `tool_calls` when there are calls, else `stop`. */
      finishReason?: 'stop' | 'length' | 'tool_calls';
      /** Into how many fragments text and each call's arguments are split when streaming; default: per word. */
      pieces?: number;
      chunkDelayMs?: number;
      promptTokens?: number;
      completionTokens?: number;
    }
  /** An HTTP error before streaming, with OpenAI's error body (or `body` as given). */
  | { kind: 'error'; status: number; message?: string; code?: string | null; body?: unknown }
  /** Streams the first `afterFrames` frames, then destroys the socket. */
  | { kind: 'drop'; text: string; afterFrames: number }
  /** A `data: {"error": …}` frame after some text, as vLLM and LM Studio send mid-stream failures. */
  | { kind: 'stream-error'; text: string; message: string };

export interface RecordedOpenAIRequest {
  method: string;
  path: string;
  headers: http.IncomingHttpHeaders;
  /** Parsed JSON body (`undefined` when empty). Loosely typed for terse assertions. */
  body: any;
  /** The response bytes exactly as sent, once finished. */
  responseText?: string;
  aborted: boolean;
}

export type FakeOpenAIScript = (request: RecordedOpenAIRequest, callIndex: number) => FakeOpenAIReply;

export interface FakeOpenAIServer {
  /** `http://127.0.0.1:PORT/v1`: the base URL clients and our backend take. */
  baseUrl: string;
  origin: string;
  port: number;
  requests: RecordedOpenAIRequest[];
  requestsTo(path: string): RecordedOpenAIRequest[];
  setScript(script: FakeOpenAIScript): void;
  reset(): void;
  close(): Promise<void>;
}

export interface StartFakeOpenAIOptions {
  models?: string[];
  script?: FakeOpenAIScript;
  /** When set, every request must carry `Authorization: Bearer <apiKey>`. */
  apiKey?: string;
  /** Size of embedding vectors; default 8. */
  embeddingLength?: number;
  /** Serve /v1/responses by answering with this text as Responses events (otherwise 404, like most servers). */
  responses?: { text: string };
  port?: number;
}

const CREATED = 1_700_000_000;

function lastUserText(body: any): string {
  const messages = Array.isArray(body?.messages) ? body.messages : [];
  for (let index = messages.length - 1; index >= 0; index--) {
    const message = messages[index];
    if (message?.role !== 'user') continue;
    if (typeof message.content === 'string') return message.content;
    if (Array.isArray(message.content)) return message.content.filter((part: any) => part?.type === 'text').map((part: any) => part.text).join('\n');
  }
  return '';
}

/** Echoes the last user message (chat) or the prompt (completions), word by word. */
export const echoOpenAIScript: FakeOpenAIScript = (request) => ({
  kind: 'answer',
  text: `echo: ${request.path.endsWith('/completions') && !request.path.includes('chat') ? String(request.body?.prompt ?? '') : lastUserText(request.body)}`,
});

function split(text: string, pieces: number | undefined): string[] {
  if (text === '') return [];
  if (pieces === undefined) return text.match(/\S+\s*|\s+/g) ?? [text];
  const chars = Array.from(text);
  const count = Math.max(1, Math.min(pieces, chars.length));
  return Array.from({ length: count }, (_, index) =>
    chars.slice(Math.floor((index * chars.length) / count), Math.floor(((index + 1) * chars.length) / count)).join(''),
  );
}

/** Deterministic unit vector per text, so equal inputs embed equally. */
function fakeEmbedding(text: string, length: number): number[] {
  let seed = 2166136261;
  for (let index = 0; index < text.length; index++) seed = Math.imul(seed ^ text.charCodeAt(index), 16777619) >>> 0;
  const vector = Array.from({ length }, () => {
    seed = (Math.imul(seed, 1664525) + 1013904223) >>> 0;
    return seed / 2 ** 32 - 0.5;
  });
  const norm = Math.hypot(...vector) || 1;
  // Rounded to float32 so a base64 round trip is exact.
  return vector.map((value) => Math.fround(value / norm));
}

function errorBody(message: string, code: string | null, type = 'invalid_request_error') {
  return { error: { message, type, param: null, code } };
}

export async function startFakeOpenAIServer(options: StartFakeOpenAIOptions = {}): Promise<FakeOpenAIServer> {
  const models = options.models ?? ['qwen3'];
  const embeddingLength = options.embeddingLength ?? 8;
  let script = options.script ?? echoOpenAIScript;
  let callIndex = 0;
  let idCounter = 0;
  const requests: RecordedOpenAIRequest[] = [];

  const sendJson = (res: http.ServerResponse, record: RecordedOpenAIRequest, status: number, body: unknown) => {
    const text = JSON.stringify(body);
    record.responseText = text;
    res.writeHead(status, { 'content-type': 'application/json', 'content-length': Buffer.byteLength(text) });
    res.end(text);
  };

  async function answer(record: RecordedOpenAIRequest, res: http.ServerResponse, signal: AbortSignal): Promise<void> {
    const chat = record.path === '/v1/chat/completions';
    const body = record.body ?? {};
    if (typeof body.model !== 'string' || !models.includes(body.model)) {
      return sendJson(res, record, 404, errorBody(`The model \`${body.model}\` does not exist or you do not have access to it.`, 'model_not_found'));
    }
    const reply = script(record, callIndex++);
    if (reply.kind === 'error') {
      return sendJson(res, record, reply.status, reply.body ?? errorBody(reply.message ?? 'fake failure', reply.code ?? null, reply.status >= 500 ? 'server_error' : 'invalid_request_error'));
    }
    const id = `${chat ? 'chatcmpl' : 'cmpl'}-fake${++idCounter}`;
    const model = body.model as string;
    const streaming = body.stream === true;
    const includeUsage = body.stream_options?.include_usage === true;

    const answerReply = reply.kind === 'answer' ? reply : { kind: 'answer' as const, text: reply.text };
    const text = answerReply.text ?? '';
    const toolCalls = (answerReply.toolCalls ?? []).map((call, index) => ({ ...call, id: call.id ?? `call_fake${idCounter}_${index}` }));
    const finishReason = answerReply.finishReason ?? (toolCalls.length > 0 ? 'tool_calls' : 'stop');
    const completionTokens = answerReply.completionTokens ?? Math.max(1, Math.ceil((text.length + (answerReply.reasoning?.length ?? 0)) / 4));
    const promptTokens = answerReply.promptTokens ?? Math.max(1, Math.ceil(JSON.stringify(body.messages ?? body.prompt ?? '').length / 4));
    const usage = { prompt_tokens: promptTokens, completion_tokens: completionTokens, total_tokens: promptTokens + completionTokens };

    if (!streaming) {
      if (chat) {
        const message: Record<string, unknown> = { role: 'assistant', content: toolCalls.length > 0 && text === '' ? null : text, refusal: null };
        if (answerReply.reasoning) message.reasoning_content = answerReply.reasoning;
        if (toolCalls.length > 0) {
          message.tool_calls = toolCalls.map((call) => ({ id: call.id, type: 'function', function: { name: call.name, arguments: call.arguments } }));
        }
        return sendJson(res, record, 200, {
          id, object: 'chat.completion', created: CREATED, model, system_fingerprint: 'fp_fake',
          choices: [{ index: 0, message, logprobs: null, finish_reason: finishReason }], usage,
        });
      }
      return sendJson(res, record, 200, {
        id, object: 'text_completion', created: CREATED, model,
        choices: [{ text, index: 0, logprobs: null, finish_reason: finishReason }], usage,
      });
    }

    const frames: string[] = [];
    const frame = (value: unknown) => frames.push(`data: ${JSON.stringify(value)}\n\n`);
    const chatChunk = (delta: Record<string, unknown>, finish: string | null) =>
      frame({
        id, object: 'chat.completion.chunk', created: CREATED, model, system_fingerprint: 'fp_fake',
        choices: [{ index: 0, delta, logprobs: null, finish_reason: finish }],
        ...(includeUsage ? { usage: null } : {}),
      });
    const textChunk = (piece: string, finish: string | null) =>
      frame({
        id, object: 'text_completion', created: CREATED, model,
        choices: [{ text: piece, index: 0, logprobs: null, finish_reason: finish }],
        ...(includeUsage ? { usage: null } : {}),
      });
    if (chat) {
      chatChunk({ role: 'assistant', content: '', refusal: null }, null);
      for (const piece of split(answerReply.reasoning ?? '', answerReply.pieces)) chatChunk({ reasoning_content: piece }, null);
      for (const piece of split(text, answerReply.pieces)) chatChunk({ content: piece }, null);
      toolCalls.forEach((call, index) => {
        chatChunk({ tool_calls: [{ index, id: call.id, type: 'function', function: { name: call.name, arguments: '' } }] }, null);
        for (const piece of split(call.arguments, answerReply.pieces ?? 3)) chatChunk({ tool_calls: [{ index, function: { arguments: piece } }] }, null);
      });
      if (reply.kind === 'stream-error') frame(errorBody(reply.message, null, 'server_error'));
      else chatChunk({}, finishReason);
    } else {
      for (const piece of split(text, answerReply.pieces)) textChunk(piece, null);
      if (reply.kind === 'stream-error') frame(errorBody(reply.message, null, 'server_error'));
      else textChunk('', finishReason);
    }
    if (reply.kind !== 'stream-error' && includeUsage) {
      frame({ id, object: chat ? 'chat.completion.chunk' : 'text_completion', created: CREATED, model, choices: [], usage });
    }
    frames.push('data: [DONE]\n\n');

    res.writeHead(200, { 'content-type': 'text/event-stream; charset=utf-8', 'cache-control': 'no-cache' });
    if (reply.kind === 'drop') {
      const sent = frames.slice(0, reply.afterFrames).join('');
      record.responseText = sent;
      await new Promise<void>((resolve) => res.write(sent, () => resolve()));
      await new Promise<void>((resolve) => setImmediate(resolve));
      res.destroy();
      return;
    }
    const delay = answerReply.chunkDelayMs ?? 0;
    record.responseText = frames.join('');
    if (delay === 0) {
      res.end(record.responseText); // one write: a fast backend for benchmarks
      return;
    }
    res.flushHeaders();
    for (const piece of frames) {
      if (signal.aborted) return;
      res.write(piece);
      await new Promise((resolve) => setTimeout(resolve, delay));
    }
    res.end();
  }

  function embeddings(record: RecordedOpenAIRequest, res: http.ServerResponse): void {
    const body = record.body ?? {};
    if (!models.includes(body.model)) return sendJson(res, record, 404, errorBody(`The model \`${body.model}\` does not exist.`, 'model_not_found'));
    const inputs: unknown[] = typeof body.input === 'string' ? [body.input] : Array.isArray(body.input) ? body.input : [];
    const vectors = inputs.map((input) => fakeEmbedding(JSON.stringify(input), embeddingLength));
    const base64 = body.encoding_format === 'base64';
    const promptTokens = inputs.reduce<number>((sum, input) => sum + Math.max(1, Math.ceil(JSON.stringify(input).length / 4)), 0);
    sendJson(res, record, 200, {
      object: 'list',
      data: vectors.map((vector, index) => ({
        object: 'embedding',
        index,
        embedding: base64 ? Buffer.from(new Float32Array(vector).buffer).toString('base64') : vector,
      })),
      model: body.model,
      usage: { prompt_tokens: promptTokens, total_tokens: promptTokens },
    });
  }

  function responsesApi(record: RecordedOpenAIRequest, res: http.ServerResponse, text: string): void {
    let sequence = 0;
    const response = { id: 'resp_fake', object: 'response', created_at: CREATED, status: 'in_progress', model: record.body?.model, output: [] as unknown[] };
    const item = { id: 'msg_fake', type: 'message', status: 'completed', role: 'assistant', content: [{ type: 'output_text', text, annotations: [] }] };
    const events = [
      { type: 'response.created', response },
      { type: 'response.output_item.added', output_index: 0, item: { ...item, status: 'in_progress', content: [] } },
      { type: 'response.output_text.delta', item_id: 'msg_fake', output_index: 0, content_index: 0, delta: text },
      { type: 'response.output_item.done', output_index: 0, item },
      {
        type: 'response.completed',
        response: { ...response, status: 'completed', output: [item], usage: { input_tokens: 5, output_tokens: 2, total_tokens: 7, input_tokens_details: { cached_tokens: 0 }, output_tokens_details: { reasoning_tokens: 0 } } },
      },
    ];
    const sent = events.map((event) => `event: ${event.type}\ndata: ${JSON.stringify({ ...event, sequence_number: sequence++ })}\n\n`).join('');
    record.responseText = sent;
    res.writeHead(200, { 'content-type': 'text/event-stream' });
    res.end(sent);
  }

  const server = http.createServer((req, res) => {
    const url = req.url ?? '/';
    const record: RecordedOpenAIRequest = { method: req.method ?? 'GET', path: url.split('?')[0]!, headers: req.headers, body: undefined, aborted: false };
    const controller = new AbortController();
    res.on('close', () => {
      if (res.writableFinished) return;
      record.aborted = true;
      controller.abort();
    });
    const parts: Buffer[] = [];
    req.on('data', (chunk: Buffer) => parts.push(chunk));
    req.on('end', () => {
      const raw = Buffer.concat(parts).toString('utf8');
      if (raw !== '') {
        try {
          record.body = JSON.parse(raw);
        } catch {
          requests.push(record);
          return sendJson(res, record, 400, errorBody('We could not parse the JSON body of your request.', null));
        }
      }
      requests.push(record);
      if (options.apiKey && req.headers.authorization !== `Bearer ${options.apiKey}`) {
        return sendJson(res, record, 401, errorBody('Incorrect API key provided.', 'invalid_api_key'));
      }
      const route = `${record.method} ${record.path}`;
      switch (route) {
        case 'GET /v1/models':
          return sendJson(res, record, 200, { object: 'list', data: models.map((id) => ({ id, object: 'model', created: CREATED, owned_by: 'fake' })) });
        case 'POST /v1/chat/completions':
        case 'POST /v1/completions':
          answer(record, res, controller.signal).catch(() => res.destroy());
          return;
        case 'POST /v1/embeddings':
          return embeddings(record, res);
        case 'POST /v1/responses':
          // Most OpenAI-compatible servers have no Responses API.
          if (options.responses) return responsesApi(record, res, options.responses.text);
          return sendJson(res, record, 404, errorBody(`Unknown request URL: ${route}`, 'unknown_url'));
        default:
          return sendJson(res, record, 404, errorBody(`Unknown request URL: ${route}`, 'unknown_url'));
      }
    });
  });
  server.keepAliveTimeout = 65_000;
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port ?? 0, '127.0.0.1', () => resolve());
  });
  const port = (server.address() as AddressInfo).port;
  const origin = `http://127.0.0.1:${port}`;
  return {
    baseUrl: `${origin}/v1`,
    origin,
    port,
    requests,
    requestsTo: (path) => requests.filter((request) => request.path === `/v1${path}`),
    setScript: (next) => {
      script = next;
    },
    reset: () => {
      requests.length = 0;
      callIndex = 0;
    },
    close: () =>
      new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      }),
  };
}

/**
 * A fake Ollama server on node:http for tests and benchmarks. It speaks Ollama's native API as it is on the
 * wire (NDJSON streams, Go-style errors, field order of api/types.go) so the proxy can be tested without a
 * GPU. It is deliberately independent of the code under test and cheap per request: the benchmark compares
 * direct-to-fake against through-proxy, so anything slow here would hide the proxy's overhead.
 */
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { createHash } from 'node:crypto';
import { setTimeout as sleep } from 'node:timers/promises';
import type { OllamaChatChunk, OllamaToolCall } from '../../src/backends/ollama/ollama-api-types.js';

export const FAKE_OLLAMA_VERSION = '0.32.10';
export const DEFAULT_FAKE_MODEL = 'qwen3';

export interface FakeModel {
  name: string;
  /** `model_info["<family>.context_length"]`; default 40960. */
  contextLength?: number;
  /** `details.family` and `model_info["general.architecture"]`; default `qwen3`. */
  family?: string;
  /** Default `['completion', 'tools']`. Add `thinking` to accept `think`, `insert` to accept `suffix`. */
  capabilities?: string[];
  /** Size of the vectors `/api/embed` returns; default 8. */
  embeddingLength?: number;
  /** Modelfile PARAMETERs listed in `/api/show` `parameters` (e.g. `{ num_ctx: 8192 }`). */
  parameters?: Record<string, string | number>;
}

export type FakeReply =
  /** Written line by line: `firstChunkDelayMs` before the first line, `chunkDelayMs` before each later one. */
  | { kind: 'chat'; chunks: OllamaChatChunk[]; chunkDelayMs?: number; firstChunkDelayMs?: number }
  /** HTTP error before streaming: `status` with `{"error": error}`. */
  | { kind: 'error'; status: number; error: string }
  /** Silence until the client disconnects. Headers are sent first unless `sendHeaders: false` (default: sent
   * for streaming requests, not for `stream:false`, as real Ollama does while a model loads). */
  | { kind: 'hang'; sendHeaders?: boolean }
  /** Write these lines, then destroy the socket (a crashed runner / broken connection). */
  | { kind: 'drop'; afterChunks: OllamaChatChunk[]; chunkDelayMs?: number };

export type FakeScript = (request: RecordedRequest, callIndex: number) => FakeReply | Promise<FakeReply>;

export interface RecordedRequest {
  method: string;
  /** Path without the query string. */
  path: string;
  headers: Record<string, string | string[] | undefined>;
  /** The body parsed as JSON; `undefined` when empty or malformed. Typed loosely for terse test assertions. */
  body: any;
  bodyBytes: number;
  /** `Date.now()` when the request headers arrived. */
  receivedAt: number;
  /** The client's port: equal across requests that reused a keep-alive connection. */
  remotePort: number | undefined;
  /** HTTP status sent, once headers went out. */
  status?: number;
  /** `Date.now()` when the reply finished or the connection closed. */
  endedAt?: number;
  /** True when the client went away before the reply finished (not set by `drop` or by `close()`). */
  aborted: boolean;
}

export interface FakeOllama {
  url: string;
  port: number;
  /** Every request, in the order their bodies were fully received. */
  requests: RecordedRequest[];
  chatRequests(): RecordedRequest[];
  setScript(script: FakeScript): void;
  setModels(models: FakeModel[]): void;
  /** Forget recorded requests and restart `callIndex` at 0 (the script and models stay). */
  reset(): void;
  /** Resolves with the first request (already recorded or future) that matches. */
  waitForRequest(match?: (request: RecordedRequest) => boolean, timeoutMs?: number): Promise<RecordedRequest>;
  /** Resolves once the client has gone away from this request; rejects after `timeoutMs` (default 2000). */
  waitForAbort(request: RecordedRequest, timeoutMs?: number): Promise<void>;
  close(): Promise<void>;
}

export interface StartFakeOllamaOptions {
  models?: FakeModel[];
  script?: FakeScript;
  /** Default 0 (a random free port). Always bound to 127.0.0.1. */
  port?: number;
  version?: string;
}

// ---------------------------------------------------------------------------------------------------------
// Chunk builders
// ---------------------------------------------------------------------------------------------------------

const ID_ALPHABET = 'abcdefghijklmnopqrstuvwxyz0123456789';

/** Ollama's server-made tool call id: `call_` + 8 lowercase alphanumerics. */
export function makeToolCallId(): string {
  let id = 'call_';
  for (let i = 0; i < 8; i++) id += ID_ALPHABET[Math.floor(Math.random() * ID_ALPHABET.length)];
  return id;
}

/** Word-sized pieces by default (Ollama streams about a token per line); they always join back to `text`. */
function splitPieces(text: string, pieces?: number | string[]): string[] {
  if (Array.isArray(pieces)) {
    // A mismatch is a mistake in the test, not a scenario: fail loudly rather than stream something else.
    if (pieces.join('') !== text) throw new Error('textChunks: pieces must join to text');
    return pieces;
  }
  if (text === '') return [];
  if (pieces === undefined) return text.match(/\S+\s*|\s+/g) ?? [text];
  const chars = Array.from(text); // code points, so a piece never splits a surrogate pair
  const n = Math.max(1, Math.min(Math.floor(pieces), chars.length));
  const out: string[] = [];
  for (let i = 0; i < n; i++) {
    out.push(chars.slice(Math.floor((i * chars.length) / n), Math.floor(((i + 1) * chars.length) / n)).join(''));
  }
  return out;
}

function deltaChunk(model: string, createdAt: string, message: NonNullable<OllamaChatChunk['message']>): OllamaChatChunk {
  return { model, created_at: createdAt, message, done: false };
}

function finalChunk(
  model: string,
  createdAt: string,
  doneReason: string,
  evalCount: number,
  promptEvalCount?: number,
): OllamaChatChunk {
  // Plausible local-GPU numbers (ns); the server keeps them as given.
  const promptEvalDuration = 15_000_000 + (promptEvalCount ?? 0) * 200_000;
  const evalDuration = evalCount * 20_000_000;
  const loadDuration = 30_000_000;
  const chunk: OllamaChatChunk = {
    model,
    created_at: createdAt,
    message: { role: 'assistant', content: '' },
    done_reason: doneReason,
    done: true,
    total_duration: loadDuration + promptEvalDuration + evalDuration,
    load_duration: loadDuration,
  };
  if (promptEvalCount !== undefined) chunk.prompt_eval_count = promptEvalCount;
  chunk.prompt_eval_duration = promptEvalDuration;
  chunk.eval_count = evalCount;
  chunk.eval_duration = evalDuration;
  return chunk;
}

export interface TextChunksOptions {
  model?: string;
  /** A count of roughly equal pieces, or the exact pieces (must join to `text`). Default: word by word. */
  pieces?: number | string[];
  doneReason?: 'stop' | 'length';
  /** Omitted by default: the fake server then estimates it from the request. */
  promptEvalCount?: number;
  /** Default: the number of delta chunks. */
  evalCount?: number;
  /** Streamed as `message.thinking` deltas before the content. */
  thinking?: string;
}

/**
 * The lines Ollama streams for a text answer: deltas with `done:false`, then a final `done:true` line with
 * `done_reason`, counts and durations. The fake server rewrites `model` (to the requested one) and `created_at`
 * (to the time of writing), and fills in `prompt_eval_count` from the request unless it is given here.
 */
export function textChunks(text: string, options: TextChunksOptions = {}): OllamaChatChunk[] {
  const model = options.model ?? DEFAULT_FAKE_MODEL;
  const createdAt = new Date().toISOString();
  const out: OllamaChatChunk[] = [];
  for (const piece of splitPieces(options.thinking ?? '')) {
    out.push(deltaChunk(model, createdAt, { role: 'assistant', content: '', thinking: piece }));
  }
  for (const piece of splitPieces(text, options.pieces)) {
    out.push(deltaChunk(model, createdAt, { role: 'assistant', content: piece }));
  }
  out.push(finalChunk(model, createdAt, options.doneReason ?? 'stop', options.evalCount ?? Math.max(1, out.length), options.promptEvalCount));
  return out;
}

export interface ToolCallChunksOptions {
  model?: string;
  /** Content streamed before the calls (Ollama keeps it when a model talks before calling). */
  textBefore?: string;
  thinking?: string;
  /** One line per call instead of all calls in one line. */
  perCallChunks?: boolean;
  promptEvalCount?: number;
}

/** Tool calls as Ollama sends them: whole, in a line with `content:""`, arguments as an object, server-made ids. */
export function toolCallChunks(
  calls: Array<{ name: string; arguments: Record<string, unknown>; id?: string }>,
  options: ToolCallChunksOptions = {},
): OllamaChatChunk[] {
  const model = options.model ?? DEFAULT_FAKE_MODEL;
  const createdAt = new Date().toISOString();
  const out: OllamaChatChunk[] = [];
  for (const piece of splitPieces(options.thinking ?? '')) {
    out.push(deltaChunk(model, createdAt, { role: 'assistant', content: '', thinking: piece }));
  }
  for (const piece of splitPieces(options.textBefore ?? '')) {
    out.push(deltaChunk(model, createdAt, { role: 'assistant', content: piece }));
  }
  const toolCalls: OllamaToolCall[] = calls.map((call, index) => ({
    id: call.id ?? makeToolCallId(),
    function: { index, name: call.name, arguments: call.arguments },
  }));
  if (options.perCallChunks) {
    for (const call of toolCalls) out.push(deltaChunk(model, createdAt, { role: 'assistant', content: '', tool_calls: [call] }));
  } else if (toolCalls.length > 0) {
    out.push(deltaChunk(model, createdAt, { role: 'assistant', content: '', tool_calls: toolCalls }));
  }
  out.push(finalChunk(model, createdAt, 'stop', Math.max(1, out.length * 8), options.promptEvalCount));
  return out;
}

// ---------------------------------------------------------------------------------------------------------
// Scripts
// ---------------------------------------------------------------------------------------------------------

function lastUserText(body: unknown): string {
  const messages = (body as { messages?: unknown })?.messages;
  if (!Array.isArray(messages)) return '';
  for (let i = messages.length - 1; i >= 0; i--) {
    const m = messages[i] as { role?: unknown; content?: unknown } | null;
    if (m?.role === 'user') return typeof m.content === 'string' ? m.content : '';
  }
  return '';
}

export interface EchoScriptOptions {
  /** A fixed answer instead of `echo: <last user text>`. */
  reply?: string;
  chunkDelayMs?: number;
  firstChunkDelayMs?: number;
  pieces?: number | string[];
}

/** Answers `echo: <last user message>` (chat) or `echo: <prompt>` (generate), word by word. */
export function echoScript(options: EchoScriptOptions = {}): FakeScript {
  return (request) => {
    const input = request.path === '/api/generate' ? String(request.body?.prompt ?? '') : lastUserText(request.body);
    const text = options.reply ?? `echo: ${input}`;
    const reply: FakeReply = { kind: 'chat', chunks: textChunks(text, { pieces: options.pieces }) };
    if (options.chunkDelayMs !== undefined) reply.chunkDelayMs = options.chunkDelayMs;
    if (options.firstChunkDelayMs !== undefined) reply.firstChunkDelayMs = options.firstChunkDelayMs;
    return reply;
  };
}

export const defaultScript: FakeScript = echoScript();

// ---------------------------------------------------------------------------------------------------------
// Helpers shared with tests
// ---------------------------------------------------------------------------------------------------------

/** The fake's default `prompt_eval_count`: characters of what the model would read, divided by 4. Structured
 * parts (tool calls, tool schemas) count their strings and keys, which is close to their JSON length and
 * much cheaper than stringifying them on every request. */
export function estimatePromptTokens(path: string, body: unknown): number {
  const b = (body ?? {}) as Record<string, unknown>;
  let chars = 0;
  if (path === '/api/generate') {
    for (const key of ['system', 'prompt', 'suffix'] as const) {
      const v = b[key];
      if (typeof v === 'string') chars += v.length;
    }
  } else {
    if (Array.isArray(b.messages)) {
      for (const m of b.messages as Array<Record<string, unknown> | null>) {
        if (!m) continue;
        if (typeof m.content === 'string') chars += m.content.length;
        if (typeof m.thinking === 'string') chars += m.thinking.length;
        if (m.tool_calls !== undefined) chars += textLength(m.tool_calls);
      }
    }
    if (Array.isArray(b.tools)) chars += textLength(b.tools);
  }
  return Math.max(1, Math.round(chars / 4));
}

function textLength(value: unknown): number {
  if (typeof value === 'string') return value.length;
  if (Array.isArray(value)) {
    let n = 0;
    for (const v of value) n += textLength(v);
    return n;
  }
  if (value !== null && typeof value === 'object') {
    let n = 0;
    for (const key in value) n += key.length + textLength((value as Record<string, unknown>)[key]);
    return n;
  }
  return value === undefined ? 0 : 1;
}

/** Ollama's exact 404 text for an unknown model on each endpoint. */
export function modelNotFoundError(path: string, model: string): string {
  // /api/chat and /api/generate report it from the scheduler (handleScheduleError), the others from the
  // model lookup; both contain "not found", which is what a client should match.
  return path === '/api/chat' || path === '/api/generate'
    ? `model ${JSON.stringify(model)} not found, try pulling it first`
    : `model '${model}' not found`;
}

/** Same name rules as Ollama: the tag defaults to `latest`, matching ignores case. */
function canonicalName(name: string): string {
  const lastSegment = name.slice(name.lastIndexOf('/') + 1);
  return lastSegment.includes(':') ? name : `${name}:latest`;
}

/** The fully qualified name Ollama puts in capability errors. */
function qualifiedName(name: string): string {
  const canonical = canonicalName(name);
  const parts = canonical.split('/');
  if (parts.length === 1) return `registry.ollama.ai/library/${canonical}`;
  if (parts.length === 2) return `registry.ollama.ai/${canonical}`;
  return canonical;
}

/** Deterministic pseudo-embedding: the sum of one seeded random vector per word, L2-normalised. Texts that
 * share words point the same way, so retrieval tests get meaningful similarities without a model. */
export function fakeEmbedding(text: string, dimensions = 8): number[] {
  const v = new Array<number>(dimensions).fill(0);
  const words = text.toLowerCase().match(/[\p{L}\p{N}_]+/gu) ?? [text];
  for (const word of words) {
    let seed = fnv1a(word);
    for (let i = 0; i < dimensions; i++) {
      seed = (seed + 0x6d2b79f5) | 0; // mulberry32
      let t = seed;
      t = Math.imul(t ^ (t >>> 15), t | 1);
      t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
      v[i]! += ((t ^ (t >>> 14)) >>> 0) / 2147483648 - 1;
    }
  }
  return normalize(v);
}

function fnv1a(s: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < s.length; i++) h = Math.imul(h ^ s.charCodeAt(i), 0x01000193);
  return h >>> 0;
}

function normalize(v: number[]): number[] {
  let sum = 0;
  for (const x of v) sum += x * x;
  const norm = 1 / Math.max(Math.sqrt(sum), 1e-12);
  return v.map((x) => x * norm);
}

// ---------------------------------------------------------------------------------------------------------
// Server
// ---------------------------------------------------------------------------------------------------------

interface ModelEntry {
  model: Required<Omit<FakeModel, 'parameters'>> & { parameters: Record<string, string | number> };
  canonical: string;
  digest: string;
  details: Record<string, unknown>;
  showJson: string;
}

const JSON_TYPE = 'application/json; charset=utf-8';
const NDJSON_TYPE = 'application/x-ndjson';

/** Go's encoding/json wording for a body JSON.parse rejected (close enough to match on, not byte-exact). */
function goJsonError(raw: string, error: unknown): string {
  const message = error instanceof Error ? error.message : String(error);
  const at = /position (\d+)/.exec(message);
  const position = at ? Number(at[1]) : -1;
  if (/end of JSON input|Unterminated/i.test(message) || position >= raw.trimEnd().length) return 'unexpected EOF';
  const ch = /Unexpected token '(.)'/.exec(message)?.[1] ?? raw[position] ?? '?';
  const shown = ch === "'" ? "\\'" : ch < ' ' ? `\\x${ch.charCodeAt(0).toString(16).padStart(2, '0')}` : ch;
  if (/after JSON/.test(message)) return `invalid character '${shown}' after top-level value`;
  if (/property name/.test(message)) return `invalid character '${shown}' looking for beginning of object key string`;
  if (/after property value/.test(message)) return `invalid character '${shown}' after object key:value pair`;
  if (/control character/.test(message)) return `invalid character '${shown}' in string literal`;
  return `invalid character '${shown}' looking for beginning of value`;
}

function goTypeName(v: unknown): string {
  if (v === null) return 'null';
  if (Array.isArray(v)) return 'array';
  return typeof v === 'object' ? 'object' : typeof v;
}

const BASE64 = /^[A-Za-z0-9+/]*={0,2}$/;

function chatValidationError(body: Record<string, unknown>, entry: ModelEntry): string | undefined {
  const { messages } = body;
  if (messages !== undefined && messages !== null && !Array.isArray(messages)) {
    return `json: cannot unmarshal ${goTypeName(messages)} into Go struct field ChatRequest.messages of type []api.Message`;
  }
  for (const m of (messages ?? []) as Array<Record<string, unknown> | null>) {
    if (m === null || typeof m !== 'object') continue;
    if (Array.isArray(m.tool_calls)) {
      for (const call of m.tool_calls as Array<{ function?: { arguments?: unknown } } | null>) {
        const args = call?.function?.arguments;
        // OpenAI sends arguments as a JSON string; Ollama only takes an object.
        if (args !== undefined && args !== null && (typeof args !== 'object' || Array.isArray(args))) {
          return `json: cannot unmarshal ${goTypeName(args)} into Go struct field ToolCallFunction.messages.tool_calls.function.arguments of type api.ToolCallFunctionArguments`;
        }
      }
    }
    if (Array.isArray(m.images)) {
      for (const image of m.images as unknown[]) {
        // Images are base64 bytes without a `data:` URL prefix.
        if (typeof image === 'string' && !BASE64.test(image)) {
          const bad = image.search(/[^A-Za-z0-9+/=]/);
          return `illegal base64 data at input byte ${bad < 0 ? 0 : bad}`;
        }
      }
    }
  }
  const thinkError = thinkValidationError(body, entry);
  if (thinkError) return thinkError;
  if (Array.isArray(body.tools) && body.tools.length > 0 && !entry.model.capabilities.includes('tools')) {
    return `${qualifiedName(String(body.model))} does not support tools`;
  }
  return undefined;
}

function thinkValidationError(body: Record<string, unknown>, entry: ModelEntry): string | undefined {
  const think = body.think;
  const wantsThinking = think === true || (typeof think === 'string' && think !== '');
  if (wantsThinking && !entry.model.capabilities.includes('thinking')) return `${JSON.stringify(body.model)} does not support thinking`;
  return undefined;
}

interface ReplyContext {
  path: string;
  model: string;
  body: Record<string, unknown>;
  startNs: bigint;
  outputChars: number;
}

function fillFinalMetrics(o: Record<string, unknown>, chunk: OllamaChatChunk, ctx: ReplyContext): void {
  const elapsed = Math.max(1, Number(process.hrtime.bigint() - ctx.startNs));
  o.total_duration = chunk.total_duration ?? elapsed;
  o.load_duration = chunk.load_duration ?? Math.max(1, Math.floor(elapsed / 10));
  o.prompt_eval_count = chunk.prompt_eval_count ?? estimatePromptTokens(ctx.path, ctx.body);
  o.prompt_eval_duration = chunk.prompt_eval_duration ?? Math.max(1, Math.floor(elapsed / 5));
  o.eval_count = chunk.eval_count ?? Math.max(1, Math.round(ctx.outputChars / 4));
  o.eval_duration = chunk.eval_duration ?? Math.max(1, Math.floor(elapsed / 2));
}

const KNOWN_CHAT_KEYS = new Set([
  'model', 'created_at', 'message', 'done', 'done_reason', 'total_duration', 'load_duration',
  'prompt_eval_count', 'prompt_eval_duration', 'eval_count', 'eval_duration',
]);

function countOutput(chunk: OllamaChatChunk, ctx: ReplyContext): void {
  const m = chunk.message;
  if (!m) return;
  ctx.outputChars += (m.content?.length ?? 0) + (m.thinking?.length ?? 0);
  if (m.tool_calls) ctx.outputChars += JSON.stringify(m.tool_calls).length;
}

/** A chat chunk in /api/chat's field order. Like Ollama, `model` echoes the request and `created_at` is the
 * time of writing, whatever the scripted chunk says; final metrics the chunk lacks are filled in. */
function toChatObject(chunk: OllamaChatChunk, ctx: ReplyContext): Record<string, unknown> {
  countOutput(chunk, ctx);
  const m = chunk.message;
  const o: Record<string, unknown> = {
    model: ctx.model,
    created_at: new Date().toISOString(),
    message: m ? { ...m, role: m.role ?? 'assistant', content: m.content ?? '' } : { role: 'assistant', content: '' },
  };
  if (chunk.done_reason !== undefined) o.done_reason = chunk.done_reason;
  o.done = chunk.done ?? false;
  if (chunk.done) fillFinalMetrics(o, chunk, ctx);
  for (const key in chunk) if (!KNOWN_CHAT_KEYS.has(key)) o[key] = (chunk as Record<string, unknown>)[key];
  return o;
}

/** The same chunk as /api/generate sends it (`response` instead of `message`). */
function toGenerateObject(chunk: OllamaChatChunk, ctx: ReplyContext): Record<string, unknown> {
  countOutput(chunk, ctx);
  const m = chunk.message;
  const o: Record<string, unknown> = {
    model: ctx.model,
    created_at: new Date().toISOString(),
    response: m?.content ?? '',
  };
  if (m?.thinking) o.thinking = m.thinking;
  o.done = chunk.done ?? false;
  if (chunk.done_reason !== undefined) o.done_reason = chunk.done_reason;
  if (chunk.done && ctx.body.raw !== true) o.context = [151644, 872, 198]; // token ids; real ones are longer
  if (chunk.done) fillFinalMetrics(o, chunk, ctx);
  if (m?.tool_calls) o.tool_calls = m.tool_calls;
  return o;
}

function toLine(chunk: OllamaChatChunk, ctx: ReplyContext): string {
  // An error line goes out exactly as given: Ollama writes `{"error":"…"}` and nothing else.
  if (chunk.error !== undefined) return `${JSON.stringify({ error: chunk.error })}\n`;
  const o = ctx.path === '/api/generate' ? toGenerateObject(chunk, ctx) : toChatObject(chunk, ctx);
  return `${JSON.stringify(o)}\n`;
}

/** What `stream:false` returns: all deltas merged into the final chunk. */
function mergeChunks(chunks: OllamaChatChunk[]): OllamaChatChunk | { error: string } {
  let content = '';
  let thinking = '';
  const toolCalls: OllamaToolCall[] = [];
  let last: OllamaChatChunk | undefined;
  for (const chunk of chunks) {
    if (chunk.error !== undefined) return { error: chunk.error };
    content += chunk.message?.content ?? '';
    thinking += chunk.message?.thinking ?? '';
    if (chunk.message?.tool_calls) toolCalls.push(...chunk.message.tool_calls);
    last = chunk;
  }
  const message: NonNullable<OllamaChatChunk['message']> = { role: 'assistant', content };
  if (thinking) message.thinking = thinking;
  if (toolCalls.length > 0) message.tool_calls = toolCalls;
  return { ...(last ?? { done: true, done_reason: 'stop' }), message, done: true };
}

export async function startFakeOllama(options: StartFakeOllamaOptions = {}): Promise<FakeOllama> {
  const version = options.version ?? FAKE_OLLAMA_VERSION;
  const versionJson = JSON.stringify({ version });
  let script: FakeScript = options.script ?? defaultScript;
  let models = new Map<string, ModelEntry>();
  let tagsJson = '{"models":[]}';
  let callIndex = 0;
  let closing = false;
  const requests: RecordedRequest[] = [];
  const abortWaiters = new Map<RecordedRequest, Array<() => void>>();
  const requestWaiters = new Set<(r: RecordedRequest) => boolean>();
  /** Models that have served a request, for /api/ps, with the num_ctx they were last asked for. */
  const loaded = new Map<string, number>();

  function setModels(list: FakeModel[]): void {
    const next = new Map<string, ModelEntry>();
    const modifiedAt = new Date().toISOString();
    const tags: unknown[] = [];
    for (const m of list) {
      const model = {
        name: m.name,
        contextLength: m.contextLength ?? 40960,
        family: m.family ?? 'qwen3',
        capabilities: m.capabilities ?? ['completion', 'tools'],
        embeddingLength: m.embeddingLength ?? 8,
        parameters: m.parameters ?? {},
      };
      const canonical = canonicalName(m.name);
      const digest = createHash('sha256').update(canonical).digest('hex');
      const details = {
        parent_model: '',
        format: 'gguf',
        family: model.family,
        families: [model.family],
        parameter_size: '8.2B',
        quantization_level: 'Q4_K_M',
      };
      const parameters = Object.entries(model.parameters)
        .map(([k, v]) => `${k.padEnd(30)} ${typeof v === 'string' ? JSON.stringify(v) : v}`)
        .join('\n');
      const show = {
        modelfile: `# Modelfile generated by "ollama show"\nFROM ${canonical}\n`,
        parameters,
        template: '{{ .Prompt }}',
        details,
        model_info: {
          'general.architecture': model.family,
          'general.parameter_count': 8_190_735_360,
          [`${model.family}.context_length`]: model.contextLength,
          [`${model.family}.embedding_length`]: model.embeddingLength,
        },
        capabilities: model.capabilities,
        modified_at: modifiedAt,
      };
      next.set(canonical.toLowerCase(), { model, canonical, digest, details, showJson: JSON.stringify(show) });
      tags.push({ name: canonical, model: canonical, modified_at: modifiedAt, size: 5_225_387_923, digest, details });
    }
    models = next;
    tagsJson = JSON.stringify({ models: tags });
  }
  setModels(options.models ?? [{ name: DEFAULT_FAKE_MODEL }]);

  const lookup = (name: string): ModelEntry | undefined => models.get(canonicalName(name).toLowerCase());

  function send(res: http.ServerResponse, rec: RecordedRequest, status: number, body: string, type = JSON_TYPE): void {
    rec.status = status;
    res.writeHead(status, { 'Content-Type': type, 'Content-Length': Buffer.byteLength(body) });
    res.end(body);
  }
  const sendError = (res: http.ServerResponse, rec: RecordedRequest, status: number, error: string): void =>
    send(res, rec, status, JSON.stringify({ error }));

  function record(rec: RecordedRequest): void {
    requests.push(rec);
    for (const waiter of requestWaiters) if (waiter(rec)) requestWaiters.delete(waiter);
  }

  async function inference(rec: RecordedRequest, body: Record<string, unknown>, res: http.ServerResponse, signal: AbortSignal): Promise<void> {
    const path = rec.path;
    const modelName = body.model;
    if (typeof modelName !== 'string' || modelName === '') return sendError(res, rec, 400, 'model is required');
    const entry = lookup(modelName);
    if (!entry) return sendError(res, rec, 404, modelNotFoundError(path, modelName));

    if (path === '/api/chat') {
      const error = chatValidationError(body, entry);
      if (error) return sendError(res, rec, 400, error);
    } else {
      if (body.raw === true && (body.system || body.template || body.context)) {
        return sendError(res, rec, 400, 'raw mode does not support template, system, or context');
      }
      if (body.suffix && !entry.model.capabilities.includes('insert')) {
        return sendError(res, rec, 400, `${qualifiedName(modelName)} does not support insert`);
      }
      const error = thinkValidationError(body, entry);
      if (error) return sendError(res, rec, 400, error);
    }
    const numCtx = (body.options as { num_ctx?: unknown } | undefined)?.num_ctx;
    loaded.set(entry.canonical, typeof numCtx === 'number' ? numCtx : 4096);

    const streaming = body.stream !== false;
    const empty = path === '/api/chat' ? !Array.isArray(body.messages) || body.messages.length === 0 : !body.prompt;
    if (empty) {
      // Ollama only loads the model and says so; clients use this to preload.
      const created_at = new Date().toISOString();
      const load =
        path === '/api/chat'
          ? { model: modelName, created_at, message: { role: 'assistant', content: '' }, done_reason: 'load', done: true }
          : { model: modelName, created_at, response: '', done: true, done_reason: 'load' };
      return send(res, rec, 200, JSON.stringify(load));
    }

    let reply: FakeReply;
    try {
      reply = await script(rec, callIndex++);
    } catch (error) {
      return sendError(res, rec, 500, error instanceof Error ? error.message : String(error));
    }
    if (signal.aborted) return;
    const ctx: ReplyContext = { path, model: modelName, body, startNs: startNs.get(rec) ?? process.hrtime.bigint(), outputChars: 0 };

    switch (reply.kind) {
      case 'error':
        return sendError(res, rec, reply.status, reply.error);

      case 'hang':
        if (reply.sendHeaders ?? streaming) {
          rec.status = 200;
          res.writeHead(200, { 'Content-Type': streaming ? NDJSON_TYPE : JSON_TYPE });
          res.flushHeaders();
        }
        return; // the close handler records the abort

      case 'drop': {
        if (streaming) {
          rec.status = 200;
          res.writeHead(200, { 'Content-Type': NDJSON_TYPE });
          res.flushHeaders();
          for (let i = 0; i < reply.afterChunks.length; i++) {
            if (i > 0 && reply.chunkDelayMs && !(await pause(reply.chunkDelayMs, signal))) return;
            if (signal.aborted) return;
            const line = toLine(reply.afterChunks[i]!, ctx);
            // Wait until the line is handed to the socket, or destroy() could discard it.
            await new Promise<void>((resolve) => res.write(line, () => resolve()));
          }
          await new Promise<void>((resolve) => setImmediate(resolve));
        }
        dropped.add(rec);
        res.destroy();
        return;
      }

      case 'chat': {
        const { chunks } = reply;
        const first = reply.firstChunkDelayMs ?? 0;
        const delay = reply.chunkDelayMs ?? 0;
        if (!streaming) {
          // The whole answer arrives after the time streaming it would have taken.
          const total = first + delay * Math.max(0, chunks.length - 1);
          if (total > 0 && !(await pause(total, signal))) return;
          const merged = mergeChunks(chunks);
          if ('error' in merged && merged.error !== undefined) return sendError(res, rec, 500, merged.error);
          return send(res, rec, 200, toLine(merged as OllamaChatChunk, ctx).slice(0, -1));
        }
        rec.status = 200;
        res.writeHead(200, { 'Content-Type': NDJSON_TYPE, 'Transfer-Encoding': 'chunked' });
        if (first === 0 && delay === 0) {
          // Fast path for benchmarks: one write for the whole stream.
          let all = '';
          for (const chunk of chunks) {
            all += toLine(chunk, ctx);
            if (chunk.error !== undefined) break; // Ollama ends the stream after an error line
          }
          res.end(all);
          return;
        }
        res.flushHeaders();
        for (let i = 0; i < chunks.length; i++) {
          const wait = i === 0 ? first : delay;
          if (wait > 0 && !(await pause(wait, signal))) return;
          if (signal.aborted) return;
          res.write(toLine(chunks[i]!, ctx));
          if (chunks[i]!.error !== undefined) break;
        }
        res.end();
        return;
      }
    }
  }

  function embed(rec: RecordedRequest, body: Record<string, unknown>, res: http.ServerResponse): void {
    const modelName = body.model;
    if (typeof modelName !== 'string' || modelName === '') return sendError(res, rec, 404, modelNotFoundError(rec.path, ''));
    const input = body.input;
    let texts: string[];
    if (typeof input === 'string') texts = input === '' ? [] : [input];
    else if (Array.isArray(input) && input.every((x) => typeof x === 'string')) texts = input as string[];
    else if (input === undefined || input === null) texts = [];
    else return sendError(res, rec, 400, 'invalid input type');
    const entry = lookup(modelName);
    if (!entry) return sendError(res, rec, 404, modelNotFoundError(rec.path, modelName));
    loaded.set(entry.canonical, loaded.get(entry.canonical) ?? 4096);
    if (texts.length === 0) return send(res, rec, 200, JSON.stringify({ model: modelName, embeddings: [] }));
    const full = entry.model.embeddingLength;
    const wanted = typeof body.dimensions === 'number' && body.dimensions > 0 && body.dimensions < full ? body.dimensions : full;
    const embeddings = texts.map((t) => {
      const v = fakeEmbedding(t, full);
      return wanted < full ? normalize(v.slice(0, wanted)) : v;
    });
    const promptEvalCount = texts.reduce((n, t) => n + Math.max(1, Math.ceil(t.length / 4)), 0);
    const elapsed = Math.max(1, Number(process.hrtime.bigint() - (startNs.get(rec) ?? process.hrtime.bigint())));
    send(res, rec, 200, JSON.stringify({
      model: modelName,
      embeddings,
      total_duration: elapsed,
      load_duration: Math.max(1, Math.floor(elapsed / 10)),
      prompt_eval_count: promptEvalCount,
    }));
  }

  function ps(rec: RecordedRequest, res: http.ServerResponse): void {
    const expires = new Date(Date.now() + 5 * 60_000).toISOString();
    const list = [...loaded].flatMap(([canonical, numCtx]) => {
      const entry = models.get(canonical.toLowerCase());
      if (!entry) return [];
      return [{
        name: canonical, model: canonical, size: 6_000_000_000, digest: entry.digest, details: entry.details,
        expires_at: expires, size_vram: 6_000_000_000, context_length: numCtx,
      }];
    });
    send(res, rec, 200, JSON.stringify({ models: list }));
  }

  const ROUTES: Record<string, string[]> = {
    '/': ['GET', 'HEAD'],
    '/api/version': ['GET', 'HEAD'],
    '/api/tags': ['GET', 'HEAD'],
    '/api/ps': ['GET'],
    '/api/show': ['POST'],
    '/api/embed': ['POST'],
    '/api/chat': ['POST'],
    '/api/generate': ['POST'],
  };
  const JSON_BODY_ROUTES = new Set(['/api/show', '/api/embed', '/api/chat', '/api/generate']);
  const dropped = new WeakSet<RecordedRequest>();
  const startNs = new WeakMap<RecordedRequest, bigint>();

  function handle(rec: RecordedRequest, raw: Buffer, res: http.ServerResponse, signal: AbortSignal): void {
    const allowed = ROUTES[rec.path];
    if (!allowed) return send(res, rec, 404, '404 page not found', 'text/plain');
    if (!allowed.includes(rec.method)) return send(res, rec, 405, '405 method not allowed', 'text/plain');

    let body: Record<string, unknown> = {};
    if (JSON_BODY_ROUTES.has(rec.path)) {
      const text = raw.toString('utf8');
      if (text.trim() === '') return sendError(res, rec, 400, 'missing request body');
      try {
        rec.body = JSON.parse(text);
      } catch (error) {
        return sendError(res, rec, 400, goJsonError(text, error));
      }
      if (rec.body === null || typeof rec.body !== 'object' || Array.isArray(rec.body)) {
        return sendError(res, rec, 400, `json: cannot unmarshal ${goTypeName(rec.body)} into Go value of type api.Request`);
      }
      body = rec.body as Record<string, unknown>;
    }

    switch (rec.path) {
      case '/':
        return send(res, rec, 200, 'Ollama is running', 'text/plain; charset=utf-8');
      case '/api/version':
        return send(res, rec, 200, versionJson);
      case '/api/tags':
        return send(res, rec, 200, tagsJson);
      case '/api/ps':
        return ps(rec, res);
      case '/api/show': {
        const name = typeof body.model === 'string' && body.model ? body.model : body.name;
        if (typeof name !== 'string' || name === '') return sendError(res, rec, 400, 'model is required');
        const entry = lookup(name);
        if (!entry) return sendError(res, rec, 404, modelNotFoundError(rec.path, name));
        return send(res, rec, 200, entry.showJson);
      }
      case '/api/embed':
        return embed(rec, body, res);
      default:
        inference(rec, body, res, signal).catch((error: unknown) => {
          if (!res.headersSent) sendError(res, rec, 500, error instanceof Error ? error.message : String(error));
          else res.destroy();
        });
    }
  }

  const server = http.createServer((req, res) => {
    const url = req.url ?? '/';
    const q = url.indexOf('?');
    const rec: RecordedRequest = {
      method: req.method ?? 'GET',
      path: q < 0 ? url : url.slice(0, q),
      headers: req.headers,
      body: undefined,
      bodyBytes: 0,
      receivedAt: Date.now(),
      remotePort: req.socket.remotePort,
      aborted: false,
    };
    startNs.set(rec, process.hrtime.bigint());
    const controller = new AbortController();
    res.on('close', () => {
      rec.endedAt = Date.now();
      if (res.writableFinished) return; // the common case: skip abort(), whose DOMException is costly
      controller.abort();
      if (closing || dropped.has(rec)) return;
      rec.aborted = true;
      const waiters = abortWaiters.get(rec);
      abortWaiters.delete(rec);
      for (const resolve of waiters ?? []) resolve();
    });
    const parts: Buffer[] = [];
    req.on('data', (chunk: Buffer) => {
      parts.push(chunk);
      rec.bodyBytes += chunk.length;
    });
    req.on('end', () => {
      const raw = parts.length === 1 ? parts[0]! : Buffer.concat(parts);
      record(rec);
      handle(rec, raw, res, controller.signal);
    });
  });
  // Go's server keeps idle connections open; Node's 5 s default would make clients reconnect mid-benchmark.
  server.keepAliveTimeout = 65_000;

  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port ?? 0, '127.0.0.1', () => {
      server.off('error', reject);
      resolve();
    });
  });
  const port = (server.address() as AddressInfo).port;

  return {
    url: `http://127.0.0.1:${port}`,
    port,
    requests,
    chatRequests: () => requests.filter((r) => r.path === '/api/chat'),
    setScript: (next) => {
      script = next;
    },
    setModels,
    reset: () => {
      requests.length = 0;
      callIndex = 0;
    },
    waitForRequest: (match = () => true, timeoutMs = 2000) => {
      const found = requests.find(match);
      if (found) return Promise.resolve(found);
      return new Promise((resolve, reject) => {
        const waiter = (r: RecordedRequest): boolean => {
          if (!match(r)) return false;
          clearTimeout(timer);
          resolve(r);
          return true;
        };
        const timer = setTimeout(() => {
          requestWaiters.delete(waiter);
          reject(new Error(`fake-ollama: no matching request within ${timeoutMs} ms`));
        }, timeoutMs);
        requestWaiters.add(waiter);
      });
    },
    waitForAbort: (request, timeoutMs = 2000) => {
      if (request.aborted) return Promise.resolve();
      return new Promise((resolve, reject) => {
        const timer = setTimeout(() => {
          const list = abortWaiters.get(request);
          if (list) abortWaiters.set(request, list.filter((w) => w !== done));
          reject(new Error(`fake-ollama: ${request.method} ${request.path} was not aborted within ${timeoutMs} ms`));
        }, timeoutMs);
        const done = (): void => {
          clearTimeout(timer);
          resolve();
        };
        const list = abortWaiters.get(request) ?? [];
        list.push(done);
        abortWaiters.set(request, list);
      });
    },
    close: () =>
      new Promise<void>((resolve, reject) => {
        closing = true;
        server.close((error) => (error ? reject(error) : resolve()));
        server.closeAllConnections();
      }),
  };
}

/** Sleep that ends early (returning false) when the client goes away, so hung timers don't outlive tests. */
async function pause(ms: number, signal: AbortSignal): Promise<boolean> {
  try {
    await sleep(ms, undefined, { signal });
    return true;
  } catch {
    return false;
  }
}

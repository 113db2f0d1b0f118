import { EventEmitter } from 'node:events';
import type { ServerResponse } from 'node:http';
import { convertOllamaChunkToStreamParts } from '../src/backends/ollama/responses/convert-ollama-chunk-to-stream-parts.js';
import { convertResponsesRequestToOllama } from '../src/backends/ollama/responses/convert-responses-request-to-ollama.js';
import { estimatePromptTokens, serializeAndEstimatePrompt } from '../src/backends/ollama/estimate-prompt-tokens.js';
import { createNdjsonLineSplitter } from '../src/backends/ollama/ndjson-line-splitter.js';
import { findTooDeepJson } from '../src/proxy/find-too-deep-json.js';
import { clientGoneSignal } from '../src/proxy/node-runtime.js';
import { createResponsesStreamDriver } from '../src/responses/responses-stream-driver.js';
import type { ResponsesStreamOptions } from '../src/responses/responses-stream-state.js';
import type { ResponsesEvent } from '../src/wire/responses-types.js';
import { generateId } from '../src/wire/generate-id.js';
import { checkResponsesRequestShape } from '../src/wire/check-responses-request-shape.js';
import { responsesRequestSchema } from '../src/wire/responses-request-schema.js';
import { encodeSseEvent } from '../src/wire/sse-encoder.js';
import { loadTokenizer } from '../src/tokens/tokenizer.js';
import { buildCodexRequestBody } from './codex-request-body.js';
import { median, percentile } from './stats.js';

/**
 * The proxy's own CPU work on one `/v1/responses` request, stage by stage, in this process (no
 * sockets), on the latency bench's ~40 KB Codex request and 101-line Ollama answer. Where a stage was
 * made leaner, the way it was done before runs beside it, so the table reads what each change bought.
 * Socket writes, event-loop hops and GC are not here: see the latency bench and a --cpu-prof profile.
 */
const ROUNDS = Number(process.env.BENCH_STAGE_ROUNDS ?? 1000);
const NUM_CTX = 32_768;

function ollamaAnswer(): Buffer {
  const line = (fields: object) => JSON.stringify({ model: 'qwen3', created_at: '2026-12-07T00:00:00.000000Z', ...fields });
  const lines = Array.from({ length: 100 }, (_, index) => line({ message: { role: 'assistant', content: ` word${index}` }, done: false }));
  lines.push(line({ message: { role: 'assistant', content: '' }, done: true, done_reason: 'stop', prompt_eval_count: 9000, eval_count: 100 }));
  return Buffer.from(`${lines.join('\n')}\n`);
}

/** The events of one answer, as the route's sink receives them. */
function answerEvents(
  answer: Buffer,
  toolNameMap: ReturnType<typeof convertResponsesRequestToOllama>['toolNameMap'],
  rescue: Pick<ResponsesStreamOptions, 'rescueTools' | 'rescueToolsJson'> = {},
): ResponsesEvent[] {
  const events: ResponsesEvent[] = [];
  const driver = createResponsesStreamDriver(
    { responseId: 'resp_1', model: 'qwen3', toolNameMap, createdAt: 0, generateId, heartbeatIntervalMs: 0, ...rescue },
    { write: (event) => events.push(event), end: () => {} },
  );
  const splitter = createNdjsonLineSplitter((result) => {
    if (result.success) convertOllamaChunkToStreamParts(result.value, driver.push);
  });
  splitter.push(answer);
  splitter.end();
  return events;
}

export async function runResponsesHotPathStagesBench(): Promise<string[]> {
  await loadTokenizer();
  const text = buildCodexRequestBody();
  const answer = ollamaAnswer();
  const settings = { numCtx: NUM_CTX, thinking: 'unsupported' as const };
  const parsed = JSON.parse(text);
  const request = responsesRequestSchema.parse(parsed);
  const converted = convertResponsesRequestToOllama(request, settings);
  // Every request brings fresh objects with the same content (Codex resends tools and instructions).
  const freshBodies = Array.from({ length: 64 }, () => convertResponsesRequestToOllama(JSON.parse(text), settings).body);
  let next = 0;
  const freshBody = () => freshBodies[next++ % freshBodies.length]!;
  const events = answerEvents(answer, converted.toolNameMap);
  const toolsJson = JSON.stringify(converted.body.tools);
  const shutdown = new AbortController().signal;
  // A response that finishes: its 'close' releases what the signal holds, as in the route.
  const withResponse = (signalFor: (res: ServerResponse) => AbortSignal) => {
    const res = Object.assign(new EventEmitter(), { writableFinished: false }) as unknown as ServerResponse;
    const signal = signalFor(res);
    Object.assign(res, { writableFinished: true }).emit('close');
    return signal;
  };
  const anyOfTwo = (res: ServerResponse) => {
    const controller = new AbortController();
    res.once('close', () => {
      if (!res.writableFinished) controller.abort(new Error('client closed the connection'));
    });
    return AbortSignal.any([controller.signal, shutdown]);
  };

  // [stage, before, after]: `before` is how the stage was done until issue 10 (undefined: unchanged).
  const stages: Array<[string, (() => unknown) | undefined, () => unknown]> = [
    ['JSON.parse of the body', undefined, () => JSON.parse(text)],
    ['depth check of the parsed body', undefined, () => findTooDeepJson(parsed)],
    ['validate: zod → structural check', () => responsesRequestSchema.safeParse(parsed), () => checkResponsesRequestShape(parsed)],
    ['translate to /api/chat', undefined, () => convertResponsesRequestToOllama(request, settings)],
    [
      'serialize body + estimate tokens',
      () => {
        const body = freshBody();
        return [JSON.stringify(body), estimatePromptTokens(body, NUM_CTX)];
      },
      () => serializeAndEstimatePrompt(freshBody(), NUM_CTX),
    ],
    [
      'abort signal: any() → one controller',
      () => withResponse(anyOfTwo),
      () => withResponse((res) => clientGoneSignal(res, shutdown)),
    ],
    ['ids ×4', undefined, () => [generateId('resp'), generateId('msg'), generateId('rs'), generateId('fc')]],
    ['NDJSON → parts → events (101 lines)', undefined, () => answerEvents(answer, converted.toolNameMap)],
    [
      '+ tool rescue: catalog per req → reused',
      () => answerEvents(answer, converted.toolNameMap, { rescueTools: converted.body.tools }),
      () => answerEvents(answer, converted.toolNameMap, { rescueTools: converted.body.tools, rescueToolsJson: toolsJson }),
    ],
    [
      `SSE encoding (${events.length} events)`,
      () => events.map((event) => `event: ${event.type}\ndata: ${JSON.stringify(event)}\n\n`).join(''),
      () => events.map(encodeSseEvent).join(''),
    ],
  ];
  const samples = stages.map(() => ({ before: [] as number[], after: [] as number[] }));
  const time = (run: () => unknown, into: number[]) => {
    const started = process.hrtime.bigint();
    run();
    into.push(Number(process.hrtime.bigint() - started) / 1000);
  };
  for (let round = 0; round < ROUNDS; round++) {
    stages.forEach(([, before, after], index) => {
      // Alternate which runs first, so neither always finds the other's garbage.
      if (before && round % 2) time(before, samples[index]!.before);
      time(after, samples[index]!.after);
      if (before && !(round % 2)) time(before, samples[index]!.before);
    });
  }
  const column = (values: number[]) => (values.length ? `${median(values).toFixed(1).padStart(8)}${percentile(values, 0.95).toFixed(1).padStart(8)}` : ''.padStart(16));
  const lines = [
    `hot-path stages in-process: ${(text.length / 1024).toFixed(1)} KB request, 101-line answer, ${ROUNDS} rounds (µs; "before" = until issue 10)`,
    `${''.padEnd(40)}${'before p50'.padStart(11)}${'p95'.padStart(5)}${'now p50'.padStart(11)}${'p95'.padStart(5)}`,
  ];
  stages.forEach(([name], index) => lines.push(`  ${name.padEnd(38)}${column(samples[index]!.before)}${column(samples[index]!.after)}`));
  return lines;
}

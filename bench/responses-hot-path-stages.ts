import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { convertOllamaChunkToStreamParts } from '../src/backends/ollama/responses/convert-ollama-chunk-to-stream-parts.js';
import { convertResponsesRequestToOllama } from '../src/backends/ollama/responses/convert-responses-request-to-ollama.js';
import { estimatePromptTokens } from '../src/backends/ollama/estimate-prompt-tokens.js';
import { createNdjsonLineSplitter } from '../src/backends/ollama/ndjson-line-splitter.js';
import { serializeOllamaChatBody } from '../src/backends/ollama/serialize-ollama-chat-body.js';
import { createResponsesStreamDriver } from '../src/responses/responses-stream-driver.js';
import { generateId } from '../src/wire/generate-id.js';
import { checkResponsesRequestShape } from '../src/wire/check-responses-request-shape.js';
import { responsesRequestSchema } from '../src/wire/responses-request-schema.js';
import { encodeSseEvent } from '../src/wire/sse-encoder.js';
import { loadTokenizer } from '../src/tokens/tokenizer.js';
import { buildCodexRequestBody } from './codex-request-body.js';
import { median, percentile } from './stats.js';

/**
 * The proxy's own work on one `/v1/responses` request, stage by stage, in this process (no sockets):
 * where the CPU goes between the body arriving and the last SSE frame leaving. Each stage runs on the
 * same ~40 KB Codex request and 101-line Ollama answer as the latency bench; medians and p95 in µs.
 * The socket writes and event-loop hops are not here: see the latency bench and a --cpu-prof profile.
 */
const ROUNDS = Number(process.env.BENCH_STAGE_ROUNDS ?? 400);
const NUM_CTX = 32_768;

function ollamaAnswer(): Buffer {
  const words = Array.from({ length: 100 }, (_, index) => `word${index}`);
  const lines = words.map((word, index) =>
    JSON.stringify({ model: 'qwen3', created_at: '2026-12-07T00:00:00Z', message: { role: 'assistant', content: index ? ` ${word}` : word }, done: false }),
  );
  lines.push(JSON.stringify({ model: 'qwen3', created_at: '2026-12-07T00:00:00Z', message: { role: 'assistant', content: '' }, done: true, done_reason: 'stop', prompt_eval_count: 9000, eval_count: 100 }));
  return Buffer.from(`${lines.join('\n')}\n`);
}

export async function runResponsesHotPathStagesBench(): Promise<string[]> {
  await loadTokenizer();
  const text = buildCodexRequestBody();
  const answer = ollamaAnswer();
  const settings = { numCtx: NUM_CTX, thinking: 'unsupported' as const };
  const request = responsesRequestSchema.parse(JSON.parse(text));
  const converted = convertResponsesRequestToOllama(request, settings);

  const stages: Array<[string, () => unknown]> = [
    ['JSON.parse of the body', () => JSON.parse(text)],
    ['zod validation (400 wording only)', () => responsesRequestSchema.safeParse(JSON.parse(text))],
    ['structural check (hot path)', () => checkResponsesRequestShape(JSON.parse(text))],
    ['translate to /api/chat', () => convertResponsesRequestToOllama(request, settings)],
    ['estimate prompt tokens', () => estimatePromptTokens(converted.body, NUM_CTX)],
    ['JSON.stringify upstream body', () => JSON.stringify(converted.body)],
    ['serialize upstream body (cached tools)', () => serializeOllamaChatBody(converted.body)],
    ['ids ×4', () => [generateId('resp'), generateId('msg'), generateId('rs'), generateId('fc')]],
    [
      'NDJSON → parts → events → SSE text',
      () => {
        let out = 0;
        const driver = createResponsesStreamDriver(
          { responseId: 'resp_1', model: 'qwen3', toolNameMap: converted.toolNameMap, createdAt: 0, generateId, heartbeatIntervalMs: 0 },
          { write: (event) => (out += encodeSseEvent(event).length), end: () => {} },
        );
        const splitter = createNdjsonLineSplitter((result) => {
          if (result.success) convertOllamaChunkToStreamParts(result.value, driver.push);
        });
        splitter.push(answer);
        splitter.end();
        return out;
      },
    ],
  ];
  // The parse stages above include JSON.parse; subtract its median to read the check alone.
  const results: Array<[string, number[]]> = stages.map(([name]) => [name, []]);
  for (let round = 0; round < ROUNDS; round++) {
    for (let index = 0; index < stages.length; index++) {
      const started = process.hrtime.bigint();
      stages[index]![1]();
      results[index]![1].push(Number(process.hrtime.bigint() - started) / 1000);
    }
  }
  const lines = [
    `hot-path stages in-process: ${(text.length / 1024).toFixed(1)} KB request, ${answer.toString().split('\n').length - 1}-line answer, ${ROUNDS} rounds (µs)`,
    `${''.padEnd(42)}${'p50'.padStart(9)}${'p95'.padStart(9)}`,
  ];
  for (const [name, samples] of results) {
    lines.push(`  ${name.padEnd(40)}${median(samples).toFixed(1).padStart(9)}${percentile(samples, 0.95).toFixed(1).padStart(9)}`);
  }
  return lines;
}

import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { convertResponsesRequestToOllama } from '../src/backends/ollama/responses/convert-responses-request-to-ollama.js';
import { spawnReady } from './spawn-ready.js';
import { format, median, percentile } from './stats.js';

/**
 * Issue 3's benchmark: a 40 KB Codex request answered with a 100-chunk stream, sent straight to the fake
 * Ollama (the body the proxy itself would send) and through the proxy, alternately, in one run. Each of
 * the three parties runs in its own process, as in real use. Added latency is measured per pair.
 */
const ITERATIONS = Number(process.env.BENCH_ITERATIONS ?? 400);
const WARMUP = 60;
const ANSWER_WORDS = Array.from({ length: 100 }, (_, index) => `word${index}`);
const NUM_CTX = 32_768;

export interface Timing {
  firstTokenMs: number;
  totalMs: number;
  text: string;
}

export function buildCodexRequest(): Record<string, any> {
  const captured = JSON.parse(
    readFileSync(fileURLToPath(new URL('../test/fixtures/codex/requests/exec-text-turn1.json', import.meta.url)), 'utf8'),
  ).body;
  // The fixture's long texts were trimmed when captured; a real first request is ~40 KB (spec §2).
  const system = captured.input[0];
  const padding = 'You are a coding agent running in the Codex CLI. Keep going until the task is solved. '.repeat(300);
  system.content[0].text += padding.slice(0, 40_000 - JSON.stringify(captured).length);
  captured.input.at(-1).content[0].text = 'say hi';
  return captured;
}

/**
 * Times one streamed answer: `extract` turns each record (an NDJSON line or an SSE frame) into the
 * text it carries, and the first non-empty text marks the first token.
 */
async function timeStream(url: string, body: string, separator: string, extract: (record: string) => string | undefined): Promise<Timing> {
  const started = performance.now();
  const response = await fetch(url, { method: 'POST', headers: { 'content-type': 'application/json' }, body });
  const reader = response.body!.pipeThrough(new TextDecoderStream()).getReader();
  let firstTokenMs = NaN;
  let buffer = '';
  let text = '';
  for (let next = await reader.read(); !next.done; next = await reader.read()) {
    buffer += next.value;
    let end: number;
    while ((end = buffer.indexOf(separator)) >= 0) {
      const piece = extract(buffer.slice(0, end));
      buffer = buffer.slice(end + separator.length);
      if (!piece) continue;
      if (Number.isNaN(firstTokenMs)) firstTokenMs = performance.now() - started;
      text += piece;
    }
  }
  return { firstTokenMs, totalMs: performance.now() - started, text };
}

const timeDirect = (ollamaUrl: string, body: string) =>
  timeStream(`${ollamaUrl}/api/chat`, body, '\n', (line) => (line ? JSON.parse(line).message?.content : undefined));

const timeRelay = (relayOrigin: string, body: string) =>
  timeStream(`${relayOrigin}/api/chat`, body, '\n', (line) => (line ? JSON.parse(line).message?.content : undefined));

export const timeProxy = (proxyOrigin: string, body: string) =>
  timeStream(`${proxyOrigin}/v1/responses`, body, '\n\n', (frame) => {
    if (!frame.includes('"response.output_text.delta"')) return undefined;
    return JSON.parse(frame.slice(frame.indexOf('data: ') + 6)).delta;
  });

export async function runProxyOverheadBench(): Promise<string[]> {
  const tsx = fileURLToPath(new URL('../node_modules/.bin/tsx', import.meta.url));
  const fake = await spawnReady(
    tsx,
    [fileURLToPath(new URL('../test/support/fake-ollama-cli.ts', import.meta.url)), '--reply', ANSWER_WORDS.join(' ')],
    /listening on (\S+)/,
  );
  const proxy = await spawnReady('node', [fileURLToPath(new URL('./proxy-server-process.mjs', import.meta.url)), fake.url], /(http:\/\/\S+)/);
  // The floor: what any process in the middle costs on this machine, with no work at all.
  const relay = await spawnReady('node', [fileURLToPath(new URL('./relay-process.mjs', import.meta.url)), fake.url], /(http:\/\/\S+)/);
  try {
    const codexRequest = buildCodexRequest();
    const proxyBody = JSON.stringify(codexRequest);
    const { body: ollamaBody } = convertResponsesRequestToOllama(codexRequest as never, { numCtx: NUM_CTX, thinking: 'unsupported' });
    const directBody = JSON.stringify(ollamaBody);

    const contenders: Array<[string, () => Promise<Timing>]> = [
      ['direct', () => timeDirect(fake.url, directBody)],
      ['relay', () => timeRelay(relay.url, directBody)],
      ['proxy', () => timeProxy(proxy.url, proxyBody)],
    ];
    // Correctness first: every path must deliver the same 100-chunk answer, or the timings mean nothing.
    const expected = ANSWER_WORDS.join(' ');
    for (const [name, run] of contenders) {
      const { text } = await run();
      if (text !== expected) throw new Error(`benchmark contender ${name} answered ${text.length} chars, expected ${expected.length}`);
    }
    for (let index = 0; index < WARMUP; index++) for (const [, run] of contenders) await run();

    const samples: Record<string, Timing[]> = { direct: [], relay: [], proxy: [] };
    for (let index = 0; index < ITERATIONS; index++) {
      // Rotate the order so drift on this noisy machine hits every contender alike.
      for (let offset = 0; offset < contenders.length; offset++) {
        const [name, run] = contenders[(index + offset) % contenders.length]!;
        samples[name]!.push(await run());
      }
    }

    const lines = [
      `proxy overhead: ${(proxyBody.length / 1024).toFixed(1)} KB Codex request, ${ANSWER_WORDS.length}-chunk answer, ${ITERATIONS} rounds`,
      '  direct = client → fake Ollama; relay = through a zero-work node:http relay process (the floor any proxy pays);',
      '  proxy = codex-ctx /v1/responses (validation, translation, token estimate, SSE). "added" is per round, vs direct.',
      `${''.padEnd(20)}${'direct p50'.padStart(11)}${'relay p50'.padStart(12)}${'proxy p50'.padStart(12)}${'added p50'.padStart(12)}${'added p95'.padStart(12)}${'over relay'.padStart(12)}`,
    ];
    for (const [label, pick] of [
      ['time to first token', (timing: Timing) => timing.firstTokenMs],
      ['full stream', (timing: Timing) => timing.totalMs],
    ] as const) {
      const [direct, relayed, proxied] = (['direct', 'relay', 'proxy'] as const).map((name) => samples[name]!.map(pick));
      const added = proxied!.map((value, index) => value - direct![index]!);
      const overRelay = proxied!.map((value, index) => value - relayed![index]!);
      lines.push(
        `${label.padEnd(20)}${format(median(direct!)).padStart(11)}${format(median(relayed!)).padStart(12)}${format(median(proxied!)).padStart(12)}${format(median(added)).padStart(12)}${format(percentile(added, 0.95)).padStart(12)}${format(median(overRelay)).padStart(12)}`,
      );
    }
    return lines;
  } finally {
    relay.child.kill('SIGTERM');
    proxy.child.kill('SIGTERM');
    fake.child.kill('SIGTERM');
  }
}

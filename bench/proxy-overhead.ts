import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { convertResponsesRequestToOllama } from '../src/backends/ollama/responses/convert-responses-request-to-ollama.js';
import { buildCodexRequest } from './codex-request-body.js';
import { spawnReady } from './spawn-ready.js';
import { format, median, percentile } from './stats.js';

/**
 * Issue 3's benchmark with issue 10's floor: a 40 KB Codex request answered with a 100-chunk stream, sent
 * straight to the fake Ollama (the body the proxy itself would send), through a zero-work relay, through
 * the minimal translating floor proxy and through codex-ctx, rotating order, in one run. Each party runs
 * in its own process, as in real use. Added latency is measured per round against direct.
 */
const ITERATIONS = Number(process.env.BENCH_ITERATIONS ?? 400);
const WARMUP = 60;
const ANSWER_WORDS = Array.from({ length: 100 }, (_, index) => `word${index}`);
const NUM_CTX = 32_768;

type Contender = 'direct' | 'relay' | 'floor' | 'codex-ctx' | 'baseline';

export interface Timing {
  firstTokenMs: number;
  totalMs: number;
  text: string;
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

/** CPU seconds a process has used so far (all threads), from /proc; undefined where there is none. */
function cpuSecondsOf(pid: number | undefined): number | undefined {
  try {
    const fields = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1]!.split(' ');
    // utime and stime (fields 14 and 15 of the whole line), in clock ticks of 1/100 s on Linux.
    return (Number(fields[11]) + Number(fields[12])) / 100;
  } catch {
    return undefined;
  }
}

const pad = (text: string, width: number) => text.padStart(width);
const ratio = (value: number, floor: number) => `${(value / floor).toFixed(2)}×`;

export async function runProxyOverheadBench(): Promise<string[]> {
  const tsx = fileURLToPath(new URL('../node_modules/.bin/tsx', import.meta.url));
  const fake = await spawnReady(
    tsx,
    [fileURLToPath(new URL('../test/support/fake-ollama-cli.ts', import.meta.url)), '--reply', ANSWER_WORDS.join(' ')],
    /listening on (\S+)/,
  );
  const proxy = await spawnReady('node', [fileURLToPath(new URL('./proxy-server-process.mjs', import.meta.url)), fake.url], /(http:\/\/\S+)/);
  // What any process in the middle costs on this machine, with no work at all.
  const relay = await spawnReady('node', [fileURLToPath(new URL('./relay-process.mjs', import.meta.url)), fake.url], /(http:\/\/\S+)/);
  // The floor: a minimal translating proxy (parse, map, stringify, NDJSON → SSE), no validation.
  const floor = await spawnReady('node', [fileURLToPath(new URL('./floor-proxy-process.mjs', import.meta.url)), fake.url], /(http:\/\/\S+)/);
  // Optional: another build of codex-ctx (e.g. main's dist) in the same run, to read what a change bought.
  const baselineDist = process.env.BENCH_BASELINE_DIST;
  const baseline = baselineDist
    ? await spawnReady('node', [fileURLToPath(new URL('./proxy-server-process.mjs', import.meta.url)), fake.url], /(http:\/\/\S+)/, {
        CODEX_CTX_DIST: baselineDist,
      })
    : undefined;
  try {
    const codexRequest = buildCodexRequest();
    const proxyBody = JSON.stringify(codexRequest);
    const { body: ollamaBody } = convertResponsesRequestToOllama(codexRequest as never, { numCtx: NUM_CTX, thinking: 'unsupported' });
    const directBody = JSON.stringify(ollamaBody);

    const contenders: Array<[Contender, () => Promise<Timing>]> = [
      ['direct', () => timeDirect(fake.url, directBody)],
      ['relay', () => timeRelay(relay.url, directBody)],
      ['floor', () => timeProxy(floor.url, proxyBody)],
      ['codex-ctx', () => timeProxy(proxy.url, proxyBody)],
    ];
    if (baseline) contenders.push(['baseline', () => timeProxy(baseline.url, proxyBody)]);
    const names = contenders.map(([name]) => name);
    // Correctness first: every path must deliver the same 100-chunk answer, or the timings mean nothing.
    const expected = ANSWER_WORDS.join(' ');
    for (const [name, run] of contenders) {
      const { text } = await run();
      if (text !== expected) throw new Error(`benchmark contender ${name} answered ${text.length} chars, expected ${expected.length}`);
    }
    for (let index = 0; index < WARMUP; index++) for (const [, run] of contenders) await run();

    const pids: Partial<Record<Contender, number | undefined>> = { floor: floor.child.pid, 'codex-ctx': proxy.child.pid, baseline: baseline?.child.pid };
    const cpuBefore = Object.fromEntries(Object.entries(pids).map(([name, pid]) => [name, cpuSecondsOf(pid)]));
    const samples = Object.fromEntries(names.map((name) => [name, [] as Timing[]])) as Record<Contender, Timing[]>;
    for (let index = 0; index < ITERATIONS; index++) {
      // Rotate the order so drift on this noisy machine hits every contender alike.
      for (let offset = 0; offset < contenders.length; offset++) {
        const [name, run] = contenders[(index + offset) % contenders.length]!;
        samples[name].push(await run());
      }
    }
    const cpuPerRequest = (name: Contender) => {
      const before = cpuBefore[name];
      const after = cpuSecondsOf(pids[name]);
      return before === undefined || after === undefined ? '   n/a' : `${(((after - before) * 1000) / ITERATIONS).toFixed(2)} ms`;
    };

    const lines = [
      `proxy overhead: ${(proxyBody.length / 1024).toFixed(1)} KB Codex request, ${ANSWER_WORDS.length}-chunk answer, ${ITERATIONS} rounds`,
      '  direct = client → fake Ollama; relay = a zero-work node:http relay (one more process and hop);',
      '  floor = a minimal translating proxy (bench/floor-proxy-process.mjs: no validation, ~80 lines);',
      '  codex-ctx = /v1/responses as shipped (dist/). "added" = per round, minus direct in the same round.',
      ...(baselineDist ? [`  baseline = the same route from ${baselineDist}`] : []),
      `${''.padEnd(22)}${pad('p50', 10)}${pad('p95', 10)}${pad('added p50', 11)}${pad('added p95', 11)}`,
    ];
    const ratios: string[] = [];
    for (const [label, pick] of [
      ['time to first token', (timing: Timing) => timing.firstTokenMs],
      ['full stream', (timing: Timing) => timing.totalMs],
    ] as const) {
      lines.push(`${label}`);
      const direct = samples.direct.map(pick);
      const added: Record<string, number[]> = {};
      for (const name of names) {
        const values = samples[name].map(pick);
        added[name] = values.map((value, index) => value - direct[index]!);
        const extra = name === 'direct' ? '' : `${pad(format(median(added[name]!)), 11)}${pad(format(percentile(added[name]!, 0.95)), 11)}`;
        lines.push(`  ${name.padEnd(20)}${pad(format(median(values)), 10)}${pad(format(percentile(values, 0.95)), 10)}${extra}`);
      }
      const floorAdded = added.floor!;
      for (const name of ['codex-ctx', 'baseline'].filter((candidate) => added[candidate])) {
        const ours = added[name]!;
        ratios.push(
          `  ${label}: ${name} adds ${median(ours).toFixed(2)} ms p50 / ${percentile(ours, 0.95).toFixed(2)} ms p95, ` +
            `the floor adds ${median(floorAdded).toFixed(2)} / ${percentile(floorAdded, 0.95).toFixed(2)} ms: ` +
            `${ratio(median(ours), median(floorAdded))} p50, ${ratio(percentile(ours, 0.95), percentile(floorAdded, 0.95))} p95 (targets ≤ 1.3×, ≤ 1.5×)`,
        );
      }
    }
    lines.push(...ratios);
    lines.push(
      `  CPU per request (proxy process, all threads): ${Object.keys(pids)
        .filter((name) => pids[name as Contender] !== undefined)
        .map((name) => `${name} ${cpuPerRequest(name as Contender)}`)
        .join(', ')}`,
    );
    return lines;
  } finally {
    baseline?.child.kill('SIGTERM');
    floor.child.kill('SIGTERM');
    relay.child.kill('SIGTERM');
    proxy.child.kill('SIGTERM');
    fake.child.kill('SIGTERM');
  }
}

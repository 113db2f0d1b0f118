import http from 'node:http';
import { fileURLToPath } from 'node:url';
import { convertChatRequestToOllama } from '../src/backends/ollama/chat/convert-chat-request-to-ollama.js';
import type { ChatCompletionRequest } from '../src/wire/chat-request-schema.js';
import { spawnReady } from './spawn-ready.js';
import { format, median, percentile } from './stats.js';

/**
 * Issue 7's benchmark: /v1/chat/completions through the proxy beside the same answer taken directly
 * from the fake backend, each party in its own process. Three views:
 * - added latency of the Ollama chat translation (time to first token and full stream, 100 chunks);
 * - streaming throughput of that translation (tokens per second with a 2000-chunk answer);
 * - added latency of the `openai` backend, which passes an OpenAI-compatible server's bytes through;
 * - what the tool-call rescue costs when tools are declared (on `openai`, parsing and re-encoding every
 *   frame instead of relaying bytes), against a proxy with the rescue off given the same request.
 * The fakes echo the last user message word by word, so the answer's length is set by the request.
 * Both sides are read by the same node:http client, parsing every chunk as an SDK would.
 */
const ITERATIONS = Number(process.env.BENCH_ITERATIONS ?? 300);
const WARMUP = 50;
const THROUGHPUT_ITERATIONS = Math.max(10, Math.round(ITERATIONS / 6));
const NUM_CTX = 32_768;

interface Timing {
  firstTokenMs: number;
  totalMs: number;
  text: string;
  chunks: number;
}

const agent = new http.Agent({ keepAlive: true, maxSockets: 4 });

/** Declared in the "with tools" runs: the answer then goes through the tool-call rescuer (issue 14). */
const TOOLS: ChatCompletionRequest['tools'] = ['read_file', 'grep', 'exec_command'].map((name) => ({
  type: 'function' as const,
  function: { name, parameters: { type: 'object', properties: { path: { type: 'string' } }, required: ['path'] } },
}));

function chatRequest(words: number, withTools = false): ChatCompletionRequest {
  const system = 'You are a helpful coding assistant inside an editor. Answer concisely and cite files. '.repeat(40);
  const question = Array.from({ length: words }, (_, index) => `word${index}`).join(' ');
  const request: ChatCompletionRequest = { model: 'qwen3', stream: true, messages: [{ role: 'system', content: system }, { role: 'user', content: question }] };
  return withTools ? { ...request, tools: TOOLS } : request;
}

/** POSTs and hands each text piece to `onText`; one client for both sides so its cost cancels out. */
function timeStream(url: string, body: string, parse: 'ndjson' | 'sse'): Promise<Timing> {
  const started = performance.now();
  return new Promise((resolve, reject) => {
    const request = http.request(url, { method: 'POST', agent, headers: { 'content-type': 'application/json', 'content-length': Buffer.byteLength(body) } }, (response) => {
      response.setEncoding('utf8');
      let buffer = '';
      let text = '';
      let chunks = 0;
      let firstTokenMs = NaN;
      const separator = parse === 'ndjson' ? '\n' : '\n\n';
      response.on('data', (data: string) => {
        buffer += data;
        let end: number;
        while ((end = buffer.indexOf(separator)) >= 0) {
          const record = buffer.slice(0, end);
          buffer = buffer.slice(end + separator.length);
          let piece: string | undefined;
          if (parse === 'ndjson') {
            if (record) piece = JSON.parse(record).message?.content;
          } else {
            const data = record.slice(record.indexOf('data: ') + 6);
            if (data && data !== '[DONE]') piece = JSON.parse(data).choices?.[0]?.delta?.content;
          }
          if (!piece) continue;
          if (Number.isNaN(firstTokenMs)) firstTokenMs = performance.now() - started;
          text += piece;
          chunks += 1;
        }
      });
      response.once('end', () => resolve({ firstTokenMs, totalMs: performance.now() - started, text, chunks }));
      response.once('error', reject);
    });
    request.once('error', reject);
    request.end(body);
  });
}

type Contender = () => Promise<Timing>;

/** Alternates which side goes first so drift on a noisy machine hits both alike. */
async function paired(direct: Contender, proxy: Contender, iterations: number, warmup: number) {
  for (let index = 0; index < warmup; index++) {
    await direct();
    await proxy();
  }
  const samples = { direct: [] as Timing[], proxy: [] as Timing[] };
  for (let index = 0; index < iterations; index++) {
    if (index % 2 === 0) {
      samples.direct.push(await direct());
      samples.proxy.push(await proxy());
    } else {
      samples.proxy.push(await proxy());
      samples.direct.push(await direct());
    }
  }
  return samples;
}

/** Correctness first: both sides must deliver the expected answer, or the timings mean nothing. */
async function assertSame(label: string, expected: string, direct: Contender, proxy: Contender): Promise<void> {
  const [a, b] = [await direct(), await proxy()];
  if (a.text !== expected || b.text !== expected) {
    throw new Error(`${label}: benchmark contenders disagree (direct ${a.text.length} chars, proxy ${b.text.length}, expected ${expected.length})`);
  }
}

function latencyTable(title: string, samples: { direct: Timing[]; proxy: Timing[] }, labels = ['direct', 'proxy']): string[] {
  const lines = [
    title,
    `${''.padEnd(22)}${`${labels[0]} p50`.padStart(11)}${`${labels[1]} p50`.padStart(12)}${'added p50'.padStart(12)}${'added p95'.padStart(12)}${'ratio'.padStart(8)}`,
  ];
  for (const [label, pick] of [
    ['time to first token', (timing: Timing) => timing.firstTokenMs],
    ['full stream', (timing: Timing) => timing.totalMs],
  ] as const) {
    const direct = samples.direct.map(pick);
    const proxied = samples.proxy.map(pick);
    const added = proxied.map((value, index) => value - direct[index]!);
    lines.push(
      `${label.padEnd(22)}${format(median(direct)).padStart(11)}${format(median(proxied)).padStart(12)}${format(median(added)).padStart(12)}${format(percentile(added, 0.95)).padStart(12)}${(median(proxied) / median(direct)).toFixed(2).padStart(7)}x`,
    );
  }
  return lines;
}

export async function runChatOverheadBench(): Promise<string[]> {
  const tsx = fileURLToPath(new URL('../node_modules/.bin/tsx', import.meta.url));
  const proxyScript = fileURLToPath(new URL('./proxy-server-process.mjs', import.meta.url));
  const ollama = await spawnReady(tsx, [fileURLToPath(new URL('../test/support/fake-ollama-cli.ts', import.meta.url))], /listening on (\S+)/);
  const openai = await spawnReady(tsx, [fileURLToPath(new URL('./fake-openai-process.ts', import.meta.url))], /listening on (\S+)/);
  const ollamaProxy = await spawnReady('node', [proxyScript, ollama.url], /(http:\/\/\S+)/);
  const openaiProxy = await spawnReady('node', [proxyScript, openai.url, 'openai'], /(http:\/\/\S+)/);
  // The same proxies with the rescue off: with tools declared they show what the rescue itself costs.
  const ollamaProxyNoRescue = await spawnReady('node', [proxyScript, ollama.url, '--no-tool-rescue'], /(http:\/\/\S+)/);
  const openaiProxyNoRescue = await spawnReady('node', [proxyScript, openai.url, 'openai', '--no-tool-rescue'], /(http:\/\/\S+)/);
  try {
    const lines: string[] = [];
    const scenario = (words: number) => {
      const request = chatRequest(words);
      const proxyBody = JSON.stringify(request);
      const toolsBody = JSON.stringify(chatRequest(words, true));
      const ollamaBody = JSON.stringify(convertChatRequestToOllama(request, { numCtx: NUM_CTX, thinking: 'unsupported' }).body);
      const expected = `echo: ${request.messages.at(-1)!.content as string}`;
      return {
        expected,
        ollamaDirect: () => timeStream(`${ollama.url}/api/chat`, ollamaBody, 'ndjson'),
        ollamaProxy: () => timeStream(`${ollamaProxy.url}/v1/chat/completions`, proxyBody, 'sse'),
        openaiDirect: () => timeStream(`${openai.url}/chat/completions`, proxyBody, 'sse'),
        openaiProxy: () => timeStream(`${openaiProxy.url}/v1/chat/completions`, proxyBody, 'sse'),
        ollamaProxyTools: () => timeStream(`${ollamaProxy.url}/v1/chat/completions`, toolsBody, 'sse'),
        openaiProxyTools: () => timeStream(`${openaiProxy.url}/v1/chat/completions`, toolsBody, 'sse'),
        ollamaProxyToolsNoRescue: () => timeStream(`${ollamaProxyNoRescue.url}/v1/chat/completions`, toolsBody, 'sse'),
        openaiProxyToolsNoRescue: () => timeStream(`${openaiProxyNoRescue.url}/v1/chat/completions`, toolsBody, 'sse'),
      };
    };

    const short = scenario(99);
    await assertSame('ollama chat', short.expected, short.ollamaDirect, short.ollamaProxy);
    await assertSame('openai chat', short.expected, short.openaiDirect, short.openaiProxy);
    const requestKb = (JSON.stringify(chatRequest(99)).length / 1024).toFixed(1);
    lines.push(
      ...latencyTable(
        `chat completions, Ollama backend (translated): ${requestKb} KB request, 100-chunk answer, ${ITERATIONS} paired runs`,
        await paired(short.ollamaDirect, short.ollamaProxy, ITERATIONS, WARMUP),
      ),
      '',
      ...latencyTable(
        `chat completions, openai backend (bytes passed through): same request, ${ITERATIONS} paired runs`,
        await paired(short.openaiDirect, short.openaiProxy, ITERATIONS, WARMUP),
      ),
    );

    // Tools declared (three function tools): content goes through the tool-call rescuer, and the openai
    // backend parses and re-encodes every frame instead of relaying bytes. Paired against a proxy with
    // the rescue off given the same request, so the table shows the rescue's own cost.
    await assertSame('ollama chat with tools', short.expected, short.ollamaProxyToolsNoRescue, short.ollamaProxyTools);
    await assertSame('openai chat with tools', short.expected, short.openaiProxyToolsNoRescue, short.openaiProxyTools);
    lines.push(
      '',
      ...latencyTable(
        `tool-call rescue, Ollama backend, tools declared: rescue off vs on, 100-chunk prose answer, ${ITERATIONS} paired runs`,
        await paired(short.ollamaProxyToolsNoRescue, short.ollamaProxyTools, ITERATIONS, WARMUP),
        ['off', 'on'],
      ),
      '',
      ...latencyTable(
        `tool-call rescue, openai backend, tools declared: off (bytes relayed) vs on (frames parsed, re-encoded), ${ITERATIONS} paired runs`,
        await paired(short.openaiProxyToolsNoRescue, short.openaiProxyTools, ITERATIONS, WARMUP),
        ['off', 'on'],
      ),
    );

    const long = scenario(1999);
    await assertSame('ollama chat, long answer', long.expected, long.ollamaDirect, long.ollamaProxy);
    const throughput = await paired(long.ollamaDirect, long.ollamaProxy, THROUGHPUT_ITERATIONS, 5);
    const tokensPerSecond = (timings: Timing[]) => median(timings.map((timing) => timing.chunks / (timing.totalMs / 1000)));
    const direct = tokensPerSecond(throughput.direct);
    const proxied = tokensPerSecond(throughput.proxy);
    const perChunkUs = ((median(throughput.proxy.map((timing) => timing.totalMs)) - median(throughput.direct.map((timing) => timing.totalMs))) / 2000) * 1000;
    lines.push(
      '',
      `streaming throughput of the chat translation: 2000-chunk answer from a zero-delay fake, ${THROUGHPUT_ITERATIONS} paired runs`,
      `${''.padEnd(22)}${'direct p50'.padStart(14)}${'proxy p50'.padStart(14)}${'ratio'.padStart(8)}${'added/chunk'.padStart(14)}`,
      `${'tokens per second'.padEnd(22)}${direct.toFixed(0).padStart(14)}${proxied.toFixed(0).padStart(14)}${(proxied / direct).toFixed(2).padStart(7)}x${`${perChunkUs.toFixed(2)} µs`.padStart(14)}`,
    );
    return lines;
  } finally {
    for (const process of [ollamaProxy, openaiProxy, ollamaProxyNoRescue, openaiProxyNoRescue, ollama, openai]) process.child.kill('SIGTERM');
  }
}

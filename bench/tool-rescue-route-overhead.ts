import { fileURLToPath } from 'node:url';
import { buildCodexRequest } from './codex-request-body.js';
import { timeProxy, type Timing } from './proxy-overhead.js';
import { spawnReady } from './spawn-ready.js';
import { median, percentile } from './stats.js';

/**
 * The tool-call rescue through the real /v1/responses route: one fake Ollama streaming a ~4 KB
 * non-call answer (prose, lists, code and JSON blocks) word by word, and three proxy processes in front
 * of it — two with the rescue off and one with it on — timed in rotating order in one run. The two
 * "off" proxies differ only by chance, so their difference is this machine's noise; the rescue's
 * added time is judged against it.
 */
const ITERATIONS = Number(process.env.BENCH_ITERATIONS ?? 150);
const WARMUP = 30;

const PARAGRAPH =
  'The proxy forwards each turn to the backend and streams the answer back. When the model writes ' +
  'prose, every delta goes straight to Codex; only a line that opens like a call is held, and a `{` in ' +
  'the middle of a sentence, like {"a": 1}, is just text.\n\n';
export const ROUTE_ANSWER = [
  '## What changed\n\n',
  PARAGRAPH,
  '- the stream driver\n- the note writer\n- [docs](docs/architecture/tool-rescue.md)\n\n',
  '```ts\nexport function greet(name: string): string {\n  return `hello ${name}`;\n}\n```\n\n',
  'Your config:\n\n```json\n{\n  "compilerOptions": { "strict": true }\n}\n```\n\n',
  '{"name": "not_a_tool", "value": 3}\n\n',
  PARAGRAPH.repeat(8),
].join('');

export async function runToolRescueRouteBench(): Promise<string[]> {
  const tsx = fileURLToPath(new URL('../node_modules/.bin/tsx', import.meta.url));
  const fake = await spawnReady(
    tsx,
    [fileURLToPath(new URL('../test/support/fake-ollama-cli.ts', import.meta.url)), '--reply', ROUTE_ANSWER],
    /listening on (\S+)/,
  );
  const proxyProcess = fileURLToPath(new URL('./proxy-server-process.mjs', import.meta.url));
  const proxies = {
    off: await spawnReady('node', [proxyProcess, fake.url, '--no-tool-rescue'], /(http:\/\/\S+)/),
    'off again': await spawnReady('node', [proxyProcess, fake.url, '--no-tool-rescue'], /(http:\/\/\S+)/),
    on: await spawnReady('node', [proxyProcess, fake.url], /(http:\/\/\S+)/),
  };
  try {
    const request = buildCodexRequest();
    // The rescue works only when tools are declared; Codex always declares them.
    if (!Array.isArray(request.tools) || request.tools.length === 0) throw new Error('tool-rescue route bench: request declares no tools');
    const body = JSON.stringify(request);
    const contenders = Object.entries(proxies).map(([name, proxy]) => [name, () => timeProxy(proxy.url, body)] as const);
    // Correctness gate: every proxy delivers the answer unchanged (the rescue must not alter it).
    for (const [name, run] of contenders) {
      const { text } = await run();
      if (text !== ROUTE_ANSWER) throw new Error(`tool-rescue route bench: ${name} changed the answer`);
    }
    const chunks = ROUTE_ANSWER.match(/\S+\s*|\s+/g)!.length;
    for (let index = 0; index < WARMUP; index++) for (const [, run] of contenders) await run();

    const samples = new Map<string, Timing[]>(contenders.map(([name]) => [name, []]));
    for (let index = 0; index < ITERATIONS; index++) {
      for (let offset = 0; offset < contenders.length; offset++) {
        const [name, run] = contenders[(index + offset) % contenders.length]!;
        samples.get(name)!.push(await run());
      }
    }
    const totals = (name: string) => samples.get(name)!.map((timing) => timing.totalMs);
    const off = totals('off');
    const perChunkUs = (values: number[]) => `${((median(values) * 1000) / chunks).toFixed(2)} µs`;
    const versusOff = (name: string) => totals(name).map((value, index) => value - off[index]!);
    const row = (name: string) => {
      const added = versusOff(name);
      return `| ${name} | ${median(totals(name)).toFixed(3)} | ${median(added).toFixed(3)} | ${percentile(added, 0.95).toFixed(3)} | ${perChunkUs(added)} |`;
    };
    return [
      '',
      `Through the real route: ${ROUTE_ANSWER.length}-byte non-call answer in ${chunks} chunks, Codex's tools declared, ${ITERATIONS} rounds.`,
      '"off again" is a second identical proxy with the rescue off: its difference to "off" is the noise.',
      '',
      '| proxy | full stream p50 ms | vs off p50 ms | vs off p95 ms | vs off per chunk (p50) |',
      '|---|---:|---:|---:|---:|',
      `| off | ${median(off).toFixed(3)} | | | |`,
      row('off again'),
      row('on'),
    ];
  } finally {
    for (const proxy of Object.values(proxies)) proxy.child.kill('SIGTERM');
    fake.child.kill('SIGTERM');
  }
}

import { pathToFileURL } from 'node:url';
import { bench, do_not_optimize, run, summary } from 'mitata';
import { createToolCallRescue } from '../src/responses/tool-rescue/create-tool-call-rescue.js';
import type { DeclaredTool } from '../src/responses/tool-rescue/tool-rescue-types.js';
import { runToolRescueRouteBench } from './tool-rescue-route-overhead.js';

/**
 * Added cost of the tool-call rescue per streamed text chunk: a ~3 KB non-call answer (prose, lists,
 * code blocks, a JSON example) cut into 4-character deltas like a model's tokens, through the rescuer
 * with Codex's tools declared vs the pass-through it is when off (no tools). For scale, the work the
 * proxy already does per chunk (one `response.output_text.delta` SSE event encoded), and a tagged call.
 */
const TOOLS: DeclaredTool[] = [
  {
    name: 'exec_command',
    kind: 'function',
    parameters: { type: 'object', properties: { cmd: { type: 'string' } }, required: ['cmd'] },
  },
  { name: 'write_stdin', kind: 'function', parameters: { type: 'object', required: ['session_id'] } },
  { name: 'view_image', kind: 'function', parameters: { type: 'object', required: ['path'] } },
  { name: 'apply_patch', kind: 'custom' },
  { name: 'multi_agent_v1__spawn_agent', kind: 'function' },
];

const PARAGRAPH =
  'The proxy forwards each turn to the backend and streams the answer back. When the model writes ' +
  'prose, every delta goes straight to Codex; only a line that opens like a call is held. <b>Note</b>: ' +
  'a `{` in the middle of a sentence, like {"a": 1}, is just text.\n\n';
const ANSWER = [
  '## What changed\n\n',
  PARAGRAPH,
  '- the stream driver\n- the note writer\n- [docs](docs/architecture/tool-rescue.md)\n\n',
  '```ts\nexport function greet(name: string): string {\n  return `hello ${name}`;\n}\n```\n\n',
  PARAGRAPH,
  'Your config:\n\n```json\n{\n  "compilerOptions": { "strict": true }\n}\n```\n\n',
  PARAGRAPH.repeat(8),
].join('');
const CALL = 'I will run the tests.\n<tool_call>\n{"name": "exec_command", "arguments": {"cmd": "npm test"}}\n</tool_call>';

function chunk(text: string, size: number): string[] {
  const chunks: string[] = [];
  for (let index = 0; index < text.length; index += size) chunks.push(text.slice(index, index + size));
  return chunks;
}

function stream(tools: DeclaredTool[], chunks: readonly string[]): number {
  const rescue = createToolCallRescue({ tools });
  let outputs = 0;
  for (const delta of chunks) outputs += rescue.push(delta).length;
  return outputs + rescue.end().length;
}

/** The per-chunk work of today's stream, for scale: a Responses text delta event, framed as SSE. */
function encodeDeltaEvents(chunks: readonly string[]): number {
  let bytes = 0;
  for (const [index, delta] of chunks.entries()) {
    const event = {
      type: 'response.output_text.delta',
      item_id: 'msg_1',
      output_index: 0,
      content_index: 0,
      delta,
      sequence_number: index,
    };
    bytes += `event: ${event.type}\ndata: ${JSON.stringify(event)}\n\n`.length;
  }
  return bytes;
}

export async function runToolRescueBench(): Promise<string[]> {
  const answerChunks = chunk(ANSWER, 4);
  const callChunks = chunk(CALL, 4);
  // Correctness gate: the answer streams through unchanged, the call comes out as a call.
  const gate = createToolCallRescue({ tools: TOOLS });
  const released = [...answerChunks.flatMap((delta) => gate.push(delta)), ...gate.end()];
  if (released.map((output) => (output.type === 'text' ? output.text : '')).join('') !== ANSWER) {
    throw new Error('tool-rescue bench: the non-call answer did not stream through unchanged');
  }
  const callGate = createToolCallRescue({ tools: TOOLS });
  const callOutputs = [...callChunks.flatMap((delta) => callGate.push(delta)), ...callGate.end()];
  if (!callOutputs.some((output) => output.type === 'call')) throw new Error('tool-rescue bench: call not rescued');

  summary(() => {
    bench('pass-through (rescue off)', () => do_not_optimize(stream([], answerChunks))).baseline(true);
    bench('SSE delta event encoding (today)', () => do_not_optimize(encodeDeltaEvents(answerChunks)));
    bench('rescue on, non-call answer', () => do_not_optimize(stream(TOOLS, answerChunks)));
    bench('rescue on, tagged call', () => do_not_optimize(stream(TOOLS, callChunks)));
  });
  const { benchmarks } = await run({ format: 'quiet' });
  const perChunk = (name: string, chunks: number): { p50: number; p99: number } => {
    const stats = benchmarks.find((trial) => trial.alias === name)?.runs[0]?.stats;
    if (!stats) throw new Error(`tool-rescue bench: no result for ${name}`);
    return { p50: stats.p50 / chunks, p99: stats.p99 / chunks };
  };
  const off = perChunk('pass-through (rescue off)', answerChunks.length);
  const on = perChunk('rescue on, non-call answer', answerChunks.length);
  const call = perChunk('rescue on, tagged call', callChunks.length);
  const encode = perChunk('SSE delta event encoding (today)', answerChunks.length);
  const row = (name: string, value: { p50: number; p99: number }): string =>
    `| ${name} | ${value.p50.toFixed(1)} | ${value.p99.toFixed(1)} | ${(value.p50 / off.p50).toFixed(2)}x |`;
  return [
    `${ANSWER.length}-byte answer in ${answerChunks.length} chunks of 4 characters; ${CALL.length}-byte call in ${callChunks.length}.`,
    '',
    '| per text chunk | median ns | p99 ns (per message / chunks) | vs pass-through |',
    '|---|---:|---:|---:|',
    row('pass-through (rescue off)', off),
    row('SSE delta event encoding (today)', encode),
    row('rescue on, non-call answer', on),
    row('rescue on, tagged call', call),
    '',
    `added per chunk (median): ${(on.p50 - off.p50).toFixed(1)} ns, ` +
      `${(((on.p50 - off.p50) / encode.p50) * 100).toFixed(0)}% of encoding the chunk's SSE event`,
    ...(await runToolRescueRouteBench()),
  ];
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  process.stdout.write(`${(await runToolRescueBench()).join('\n')}\n`);
}

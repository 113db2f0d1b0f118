/**
 * Serves the fake Ollama until killed, for manual demos and the tmux TUI test:
 *   npx tsx test/support/fake-ollama-cli.ts --port 11434 [--model qwen3]… [--reply "text"] [--chunk-delay 20]
 * Prints exactly one line, `fake-ollama listening on http://127.0.0.1:PORT`, once it accepts connections.
 */
import { parseArgs } from 'node:util';
import { echoScript, startFakeOllama } from './fake-ollama.js';

const { values } = parseArgs({
  options: {
    port: { type: 'string', default: '0' },
    model: { type: 'string', multiple: true },
    reply: { type: 'string' },
    'chunk-delay': { type: 'string' },
    'context-length': { type: 'string' },
  },
  strict: true,
});

function integer(name: string, raw: string | undefined): number | undefined {
  if (raw === undefined) return undefined;
  const n = Number(raw);
  if (!Number.isInteger(n) || n < 0) {
    process.stderr.write(`fake-ollama: --${name} must be a non-negative integer, got ${JSON.stringify(raw)}\n`);
    process.exit(2);
  }
  return n;
}

const port = integer('port', values.port) ?? 0;
const contextLength = integer('context-length', values['context-length']);
const chunkDelayMs = integer('chunk-delay', values['chunk-delay']);
const names = values.model && values.model.length > 0 ? values.model : ['qwen3'];

const fake = await startFakeOllama({
  port,
  models: names.map((name) => (contextLength === undefined ? { name } : { name, contextLength })),
  script: echoScript({
    ...(values.reply !== undefined ? { reply: values.reply } : {}),
    ...(chunkDelayMs !== undefined ? { chunkDelayMs } : {}),
  }),
});
process.stdout.write(`fake-ollama listening on ${fake.url}\n`);

let stopping = false;
const stop = (): void => {
  if (stopping) return;
  stopping = true;
  fake.close().then(
    () => process.exit(0),
    () => process.exit(1),
  );
};
process.on('SIGINT', stop);
process.on('SIGTERM', stop);

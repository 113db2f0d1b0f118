import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { execa, type ResultPromise } from 'execa';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startFakeOllama, type FakeOllama } from '../support/fake-ollama.js';

/**
 * Inputs that once froze the proxy's main thread for seconds to minutes (token counting grew with the
 * square of an unbroken run): a pasted run of letters, a huge tool name, a base64 blob, a minified file.
 * `codex-ctx serve` runs in its own process with retrieval and notes on, so a stalled event loop shows as
 * a /health that does not answer; the bound below is generous, not a speed target.
 */
const RUNNER = fileURLToPath(new URL('./fixtures/run-main.ts', import.meta.url));
const TSX_LOADER = import.meta.resolve('tsx');
const HEALTH_BOUND_MS = 5_000;

let ollama: FakeOllama;
let serve: ResultPromise;
let baseUrl: string;
let apiKey: string;

beforeAll(async () => {
  ollama = await startFakeOllama({ models: [{ name: 'qwen3', contextLength: 40_960 }] });
  const base = mkdtempSync(join(tmpdir(), 'codex-ctx-freeze-'));
  const repo = join(base, 'repo');
  mkdirSync(join(repo, 'src'), { recursive: true });
  writeFileSync(join(repo, 'src', 'auth.ts'), 'export function verifyToken(token: string): boolean {\n  return token.length > 3;\n}\n');
  serve = execa(process.execPath, ['--import', TSX_LOADER, RUNNER, 'serve', '-m', 'qwen3'], {
    cwd: repo,
    env: { PATH: process.env.PATH ?? '', HOME: base, XDG_CONFIG_HOME: join(base, 'config'), XDG_STATE_HOME: join(base, 'state'), XDG_CACHE_HOME: join(base, 'cache'), OLLAMA_HOST: ollama.url, NO_COLOR: '1' },
    extendEnv: false,
    stdin: 'ignore',
    reject: false,
    buffer: true,
  });
  // serve prints OPENAI_BASE_URL=… and, for the key it made up, OPENAI_API_KEY=….
  const printed = await new Promise<Record<string, string>>((resolve, reject) => {
    let text = '';
    serve.stdout!.on('data', (chunk: Buffer) => {
      text += chunk.toString();
      const lines = text.split('\n').filter((line) => line.includes('='));
      if (lines.length >= 2) resolve(Object.fromEntries(lines.map((line) => [line.slice(0, line.indexOf('=')), line.slice(line.indexOf('=') + 1).trim()])));
    });
    void serve.then((result) => reject(new Error(`serve exited: ${String(result.stderr)}`)));
  });
  baseUrl = printed.OPENAI_BASE_URL!;
  apiKey = printed.OPENAI_API_KEY!;
}, 60_000);

afterAll(async () => {
  serve?.kill('SIGTERM');
  await serve;
  await ollama?.close();
});

function base64Blob(bytes: number): string {
  const data = Buffer.alloc(bytes);
  for (let index = 0; index < bytes; index++) data[index] = (index * 2654435761) >>> 24;
  return data.toString('base64');
}

const minifiedLine = 'a.b=function(c,d){return c.e(d)||f[g]&&h.i(j,k)};'.repeat(40_000);

function responsesRequest(text: string, toolName = 'shell'): string {
  return JSON.stringify({
    model: 'qwen3',
    stream: true,
    input: [{ type: 'message', role: 'user', content: [{ type: 'input_text', text }] }],
    tools: [{ type: 'function', name: toolName, description: 'run a command', parameters: { type: 'object', properties: {} } }],
  });
}

async function healthAnswers(): Promise<number> {
  const response = await fetch(`${baseUrl.replace(/\/v1$/, '')}/health`, { signal: AbortSignal.timeout(HEALTH_BOUND_MS) });
  await response.arrayBuffer();
  return response.status;
}

describe('pathological input does not freeze the proxy', () => {
  it.each([
    ['100 KB of unbroken letters', () => responsesRequest(`explain ${'q'.repeat(100_000)}`)],
    ['a 1 MB tool name', () => responsesRequest('hi', 'x'.repeat(1_000_000))],
    ['5 MB of base64', () => responsesRequest(`decode this ${base64Blob(3_750_000)}`)],
    ['a 2 MB minified line', () => responsesRequest(`why does this crash? ${minifiedLine}`)],
  ])('keeps /health answering while it processes %s', async (_name, body) => {
    const request = fetch(`${baseUrl}/responses`, { method: 'POST', headers: { 'content-type': 'application/json', authorization: `Bearer ${apiKey}` }, body: body() }).then(
      async (response) => ({ status: response.status, text: await response.text() }),
    );
    let settled = false;
    void request.finally(() => (settled = true));
    // Probe while the request is in flight (and at least a few times).
    for (let probes = 0; probes < 5 || !settled; probes++) {
      expect(await healthAnswers()).toBe(200);
      await new Promise((resolve) => setTimeout(resolve, 100));
      if (probes > 300) break;
    }
    const answer = await request;
    // Either answered or refused with an OpenAI-shaped error; never a hang or a crash.
    expect([200, 400]).toContain(answer.status);
    if (answer.status === 200) expect(answer.text).toMatch(/response\.(completed|failed|incomplete)/);
    else expect(JSON.parse(answer.text)).toHaveProperty('error.message');
  }, 60_000);
});

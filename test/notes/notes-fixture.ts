import { mkdir, mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { TurnRecord } from '../../src/notes/index.js';

/** A throwaway repo with two source files and the default notes folder. */
export async function createTempRepo(): Promise<{ repoRoot: string; logDir: string }> {
  const repoRoot = await mkdtemp(join(tmpdir(), 'codex-ctx-notes-'));
  await mkdir(join(repoRoot, 'src', 'proxy'), { recursive: true });
  await writeFile(join(repoRoot, 'src', 'proxy', 'start-proxy.ts'), 'export function startProxy() {}\n');
  await writeFile(join(repoRoot, 'src', 'cli.ts'), 'export {};\n');
  return { repoRoot, logDir: join(repoRoot, 'docs', 'codex-ctx') };
}

/** Deterministic ids: a, b, c… padded to six characters. */
export function sequentialIds(): () => string {
  let next = 0;
  return () => (next++).toString(16).padStart(6, '0');
}

export function turnRecord(overrides: Partial<TurnRecord> = {}): TurnRecord {
  return {
    requestId: 'resp_0001',
    turnId: 'turn-1',
    threadId: 'thread-1',
    endpoint: 'responses',
    startedAt: new Date('2026-11-25T14:30:12.345Z'),
    durationMs: 1234,
    model: 'qwen3-coder:30b',
    backend: 'ollama',
    question: 'Where does the proxy start listening?',
    context: {
      query: 'proxy start listening',
      tokens: { used: 96, budget: 8000 },
      block: '<context>…</context>',
      items: [
        {
          path: 'src/proxy/start-proxy.ts',
          startLine: 10,
          endLine: 14,
          source: 'bridge:semantic',
          score: 0.8312,
          tokens: 60,
          text: 'export async function startProxy(options) {\n  const port = await getPort();\n  server.listen(port);\n}',
        },
        { path: 'src/cli.ts', startLine: 3, endLine: 3, source: 'grep', score: 0.41, tokens: 36, text: 'await startProxy({ backend });' },
      ],
    },
    answer: 'It listens in `startProxy` on a free port from `get-port`.',
    toolCalls: [],
    usage: { inputTokens: 900, outputTokens: 40 },
    status: 'completed',
    ...overrides,
  };
}

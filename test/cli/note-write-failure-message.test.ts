import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { main } from '../../src/cli/main.js';
import { startFakeOllama, type FakeOllama } from '../support/fake-ollama.js';
import { createCliWorld } from './cli-test-harness.js';

let ollama: FakeOllama;
beforeAll(async () => {
  ollama = await startFakeOllama({ models: [{ name: 'qwen3', contextLength: 8192 }] });
});
afterAll(async () => {
  await ollama.close();
});

describe('session notes that cannot be written', () => {
  it('are said once on stderr after Codex gives the terminal back, with the cause and the fix', async () => {
    const world = createCliWorld({ OLLAMA_HOST: ollama.url, FAKE_CODEX_REQUEST: '1' });
    writeFileSync(join(world.base, 'blocked'), 'a file where the notes folder should go');
    const exitCode = await main(['-m', 'qwen3', '--no-context', '--log-dir', join(world.base, 'blocked', 'notes'), 'exec', 'hi'], world.runtime());
    expect(exitCode).toBe(0);
    expect(world.codex().request?.status).toBe(200);
    const lines = world.stderr().split('\n').filter((line) => line.includes('session notes cannot be written'));
    expect(lines).toHaveLength(1);
    expect(lines[0]).toMatch(/blocked\/notes: a path component is a file, not a folder \(ENOTDIR\); fix the folder, or pass --log-dir <dir> or --no-log/);
  });
});

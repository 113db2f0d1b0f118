import { mkdirSync, writeFileSync } from 'node:fs';
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

    // Said once: the next session does not repeat it.
    const before = world.stderr().length;
    expect(await main(['-m', 'qwen3', '--no-context', '--no-log', 'exec', 'hi'], world.runtime())).toBe(0);
    expect(world.stderr().slice(before)).not.toContain('session notes cannot be written');
  });

  it('left by a session that was killed, are said at the next start', async () => {
    const world = createCliWorld({ OLLAMA_HOST: ollama.url });
    mkdirSync(join(world.base, 'state', 'codex-ctx'), { recursive: true });
    // What a session killed before Codex exited leaves behind.
    writeFileSync(join(world.base, 'state', 'codex-ctx', 'notes-problem.txt'), 'session notes cannot be written to /x: read-only file system (EROFS); fix the folder, or pass --log-dir <dir> or --no-log');
    expect(await main(['-m', 'qwen3', '--no-context', '--no-log', 'exec', 'hi'], world.runtime())).toBe(0);
    expect(world.stderr()).toContain('in an earlier session, session notes cannot be written to /x: read-only file system (EROFS)');
    const before = world.stderr().length;
    await main(['-m', 'qwen3', '--no-context', '--no-log', 'exec', 'hi'], world.runtime());
    expect(world.stderr().slice(before)).not.toContain('earlier session');
  });
});

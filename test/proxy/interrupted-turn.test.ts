import { mkdtempSync, readdirSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { createSessionRecorder } from '../../src/notes/create-session-recorder.js';
import { validateNotes } from '../../src/notes/validate-notes.js';
import { textChunks } from '../support/fake-ollama.js';
import { startTestProxy, type TestProxy } from '../support/start-test-proxy.js';

/** Codex's Esc or Ctrl+C closes the stream mid-answer: the note says so and keeps what was shown. */
let running: TestProxy | undefined;
afterEach(async () => {
  await running?.close();
  running = undefined;
});

function readNotes(dir: string): string {
  return readdirSync(dir, { recursive: true, encoding: 'utf8' })
    .filter((name) => name.endsWith('.md'))
    .map((name) => readFileSync(join(dir, name), 'utf8'))
    .join('\n');
}

describe('an interrupted turn', () => {
  it('is written with status: interrupted and the partial answer, and the notes still validate', async () => {
    const notes = mkdtempSync(join(tmpdir(), 'interrupted-notes-'));
    const recorder = createSessionRecorder({ logDir: notes, repoRoot: notes, model: 'qwen3', backend: 'ollama' });
    const words = 'The first part arrived before the user pressed Escape and the rest never did';
    running = await startTestProxy({
      fake: { script: () => ({ kind: 'chat', chunks: textChunks(words), chunkDelayMs: 150 }) },
      proxy: { recorder },
    });
    const abort = new AbortController();
    const response = await fetch(`${running.proxy.baseUrl}/responses`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ model: 'qwen3', stream: true, input: 'tell me a long story' }),
      signal: abort.signal,
    });
    const reader = response.body!.getReader();
    let seen = '';
    while (!/"delta":"first /.test(seen)) seen += new TextDecoder().decode((await reader.read()).value);
    abort.abort();
    await running.ollama.waitForAbort(running.ollama.chatRequests()[0]!);
    await running.proxy.close();

    const written = readNotes(notes);
    expect(written).toMatch(/^status: "?interrupted"?$/m);
    expect(written).toContain('The first');
    expect(written).not.toContain('never did');
    expect(await validateNotes(notes)).toEqual([]);
  });

  it('on /v1/chat/completions too', async () => {
    const notes = mkdtempSync(join(tmpdir(), 'interrupted-chat-notes-'));
    const recorder = createSessionRecorder({ logDir: notes, repoRoot: notes, model: 'qwen3', backend: 'ollama' });
    running = await startTestProxy({
      fake: { script: () => ({ kind: 'chat', chunks: textChunks('Partial words came first and the ending never arrived'), chunkDelayMs: 150 }) },
      proxy: { recorder },
    });
    const abort = new AbortController();
    const response = await fetch(`${running.proxy.baseUrl}/chat/completions`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ model: 'qwen3', stream: true, messages: [{ role: 'user', content: 'go on' }] }),
      signal: abort.signal,
    });
    const reader = response.body!.getReader();
    let seen = '';
    while (!/"content":"words /.test(seen)) seen += new TextDecoder().decode((await reader.read()).value);
    abort.abort();
    await running.ollama.waitForAbort(running.ollama.chatRequests()[0]!);
    await running.proxy.close();

    const written = readNotes(notes);
    expect(written).toMatch(/^status: "?interrupted"?$/m);
    expect(written).toContain('Partial words');
    expect(written).not.toContain('never arrived');
    expect(await validateNotes(notes)).toEqual([]);
  });
});

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

/**
 * Streams `answer` slowly from the fake Ollama, lets the client read until `seenPattern`, then closes
 * the connection as Codex does, shuts the proxy down and returns every note written.
 */
async function interruptMidAnswer(options: { answer: string; path: string; body: unknown; seenPattern: RegExp }): Promise<{ written: string; notes: string }> {
  const notes = mkdtempSync(join(tmpdir(), 'interrupted-notes-'));
  const recorder = createSessionRecorder({ logDir: notes, repoRoot: notes, model: 'qwen3', backend: 'ollama' });
  running = await startTestProxy({ fake: { script: () => ({ kind: 'chat', chunks: textChunks(options.answer), chunkDelayMs: 150 }) }, proxy: { recorder } });
  const abort = new AbortController();
  const response = await fetch(`${running.proxy.baseUrl}${options.path}`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify(options.body),
    signal: abort.signal,
  });
  const reader = response.body!.getReader();
  let seen = '';
  while (!options.seenPattern.test(seen)) seen += new TextDecoder().decode((await reader.read()).value);
  abort.abort();
  await running.ollama.waitForAbort(running.ollama.chatRequests()[0]!);
  await running.proxy.close();
  const written = readdirSync(notes, { recursive: true, encoding: 'utf8' })
    .filter((name) => name.endsWith('.md'))
    .map((name) => readFileSync(join(notes, name), 'utf8'))
    .join('\n');
  return { written, notes };
}

describe('an interrupted turn', () => {
  it('is written with status: interrupted and the partial answer, and the notes still validate', async () => {
    const { written, notes } = await interruptMidAnswer({
      answer: 'The first part arrived before the user pressed Escape and the rest never did',
      path: '/responses',
      body: { model: 'qwen3', stream: true, input: 'tell me a long story' },
      seenPattern: /"delta":"first /,
    });
    expect(written).toMatch(/^status: "?interrupted"?$/m);
    expect(written).toContain('The first');
    expect(written).not.toContain('never did');
    expect(await validateNotes(notes)).toEqual([]);
  });

  it('on /v1/chat/completions too', async () => {
    const { written, notes } = await interruptMidAnswer({
      answer: 'Partial words came first and the ending never arrived',
      path: '/chat/completions',
      body: { model: 'qwen3', stream: true, messages: [{ role: 'user', content: 'go on' }] },
      seenPattern: /"content":"words /,
    });
    expect(written).toMatch(/^status: "?interrupted"?$/m);
    expect(written).toContain('Partial words');
    expect(written).not.toContain('never arrived');
    expect(await validateNotes(notes)).toEqual([]);
  });
});

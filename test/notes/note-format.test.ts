process.env.TZ = 'UTC'; // note names and dates use local time; pin it so the snapshots are stable

import { readFile, readdir } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { createSessionRecorder, validateNotes } from '../../src/notes/index.js';
import { createTempRepo, sequentialIds, turnRecord } from './notes-fixture.js';

describe('session notes format', () => {
  it('renders a hub and a turn note that accumulates the requests of one Codex turn', async () => {
    const { repoRoot, logDir } = await createTempRepo();
    const recorder = createSessionRecorder({
      logDir,
      repoRoot,
      sessionId: 'session-42',
      model: 'qwen3-coder:30b',
      backend: 'ollama',
      startedAt: new Date('2026-11-25T14:30:00.000Z'),
      generateId: sequentialIds(),
    });
    recorder.recordTurn(
      turnRecord({
        answer: '',
        toolCalls: [{ name: 'exec_command', input: '{"cmd":"rg -n listen src","workdir":"/repo"}' }],
      }),
    );
    recorder.recordTurn(
      turnRecord({ requestId: 'resp_0002', startedAt: new Date('2026-11-25T14:30:14.000Z'), durationMs: 800 }),
    );
    await recorder.close();

    const files = (await readdir(logDir)).sort();
    expect(files).toEqual(['2026-11-25 143000.000 session 000000.md', '2026-11-25 143012.345 turn 000001.md']);
    const hub = await readFile(join(logDir, files[0]!), 'utf8');
    const turn = await readFile(join(logDir, files[1]!), 'utf8');
    await expect(hub).toMatchFileSnapshot('__snapshots__/session-hub.md');
    await expect(turn).toMatchFileSnapshot('__snapshots__/turn.md');
    expect(await validateNotes(logDir)).toEqual([]);
  });

  it('counts tool calls rescued from text, per shape, in the turn note and the session hub', async () => {
    const { repoRoot, logDir } = await createTempRepo();
    const recorder = createSessionRecorder({ logDir, repoRoot, model: 'm', backend: 'ollama' });
    const patch = '*** Begin Patch\n*** Add File: secret.txt\n+hunter2-token\n*** End Patch';
    recorder.recordTurn(
      turnRecord({
        answer: '',
        toolCalls: [{ name: 'exec_command', input: '{"cmd":"ls"}' }],
        rescuedCalls: [{ tool: 'exec_command', shape: 'bare-json' }],
      }),
    );
    recorder.recordTurn(
      turnRecord({
        requestId: 'resp_0002',
        answer: '',
        toolCalls: [{ name: 'apply_patch', input: patch }],
        rescuedCalls: [{ tool: 'apply_patch', shape: 'patch-envelope' }],
      }),
    );
    recorder.recordTurn(turnRecord({ requestId: 'resp_0003', turnId: 'turn-2', rescuedCalls: [{ tool: 'exec_command', shape: 'bare-json' }] }));
    await recorder.close();
    const files = (await readdir(logDir)).sort();
    const hub = await readFile(join(logDir, files.find((file) => file.includes(' session '))!), 'utf8');
    const turns = await Promise.all(files.filter((file) => file.includes(' turn ')).map((file) => readFile(join(logDir, file), 'utf8')));
    expect(hub).toContain('\nrescued_calls: 3\n');
    expect(hub).toContain('3 tool calls rescued from text (bare-json 2, patch-envelope 1)');
    const firstTurn = turns.find((turn) => turn.includes('turn_id: "turn-1"'))!;
    expect(firstTurn).toContain('\nrescued_calls: 2\n');
    expect(firstTurn).toContain('rescued into tool calls: exec_command (bare-json)');
    expect(firstTurn).toContain('rescued into tool calls: apply_patch (patch-envelope)');
    expect(turns.find((turn) => turn.includes('turn_id: "turn-2"'))).toContain('\nrescued_calls: 1\n');
    expect(await validateNotes(logDir)).toEqual([]);
  });

  it('leaves rescued_calls out of notes without rescues', async () => {
    const { repoRoot, logDir } = await createTempRepo();
    const recorder = createSessionRecorder({ logDir, repoRoot, model: 'm', backend: 'ollama' });
    recorder.recordTurn(turnRecord());
    await recorder.close();
    for (const file of await readdir(logDir)) expect(await readFile(join(logDir, file), 'utf8')).not.toContain('rescued');
  });

  it('links context snippets to the real source file, relative to the note folder', async () => {
    const { repoRoot, logDir } = await createTempRepo();
    const recorder = createSessionRecorder({ logDir, repoRoot, model: 'm', backend: 'ollama' });
    recorder.recordTurn(turnRecord());
    await recorder.flush();
    const [turnFile] = (await readdir(logDir)).filter((file) => file.includes(' turn '));
    const turn = await readFile(join(logDir, turnFile!), 'utf8');
    expect(turn).toContain('> [!cite]- [src/proxy/start-proxy.ts:10-14](../../src/proxy/start-proxy.ts#L10-L14) · bridge:semantic · score 0.831');
    expect(turn).not.toMatch(/\[\[src\//);
  });

  it('puts the question and the answer first, tool calls next, and the injected context last, folded', async () => {
    const { repoRoot, logDir } = await createTempRepo();
    const recorder = createSessionRecorder({ logDir, repoRoot, model: 'm', backend: 'ollama' });
    recorder.recordTurn(turnRecord({ answer: '', toolCalls: [{ name: 'exec_command', input: '{"cmd":"ls"}' }] }));
    recorder.recordTurn(turnRecord({ requestId: 'resp_0002', answer: 'It listens on a free port.' }));
    await recorder.close();
    const [turnFile] = (await readdir(logDir)).filter((file) => file.includes(' turn '));
    const turn = await readFile(join(logDir, turnFile!), 'utf8');
    const at = (text: string) => {
      const index = turn.indexOf(text);
      expect(index, text).toBeGreaterThan(-1);
      return index;
    };
    const order = [at('## Question'), at('## Answer'), at('It listens on a free port.'), at('> [!example]- exec_command'), at('## Context added'), at('> [!cite]- ')];
    expect(order).toEqual([...order].sort((a, b) => a - b));
    // Every snippet folded: no open cite callout anywhere.
    expect(turn).not.toMatch(/^> \[!cite\] /m);
    expect(await validateNotes(logDir)).toEqual([]);
  });

  it('gives a request without a turn id its own note, and folds long answers', async () => {
    const { repoRoot, logDir } = await createTempRepo();
    const recorder = createSessionRecorder({ logDir, repoRoot, model: 'm', backend: 'ollama' });
    const longAnswer = Array.from({ length: 60 }, (_, index) => `line ${index}`).join('\n');
    recorder.recordTurn(turnRecord({ turnId: undefined, requestId: 'resp_a', answer: longAnswer }));
    recorder.recordTurn(turnRecord({ turnId: undefined, requestId: 'resp_b' }));
    await recorder.close();

    const turnFiles = (await readdir(logDir)).filter((file) => file.includes(' turn '));
    expect(turnFiles).toHaveLength(2);
    const texts = await Promise.all(turnFiles.map((file) => readFile(join(logDir, file), 'utf8')));
    const folded = texts.find((text) => text.includes('resp_a'));
    expect(folded).toContain('> [!quote]- Answer · 60 lines');
    expect(folded).toContain('> line 59');
    expect(await validateNotes(logDir)).toEqual([]);
  });

  it('keeps model text from creating links, tags or callout breaks', async () => {
    const { repoRoot, logDir } = await createTempRepo();
    const recorder = createSessionRecorder({ logDir, repoRoot, model: 'm', backend: 'ollama' });
    recorder.recordTurn(
      turnRecord({
        question: 'Why [[Ghost note]] and #tag? ```',
        answer: 'See [[Nowhere]] and [a](../missing.ts)\n```\nunclosed fence',
      }),
    );
    await recorder.close();
    expect(await validateNotes(logDir)).toEqual([]);
  });
});

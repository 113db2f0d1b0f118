import { execFile } from 'node:child_process';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { mkdir, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { describe, expect, it, vi } from 'vitest';
import type { Logger } from '../../src/log/logger.js';
import { createSessionRecorder, formatSessionList, listSessions, validateNotes } from '../../src/notes/index.js';
import { createTempRepo, turnRecord } from './notes-fixture.js';

function recordingLogger(): Logger & { errors: string[] } {
  const errors: string[] = [];
  return {
    errors,
    debug() {},
    info() {},
    warn() {},
    error: (message) => errors.push(message),
    flush: async () => {},
  };
}

async function readAll(dir: string): Promise<string> {
  const files = await readdir(dir);
  const texts = await Promise.all(files.map((file) => readFile(join(dir, file), 'utf8')));
  return texts.join('\n');
}

describe('createSessionRecorder', () => {
  it('returns from recordTurn before anything is written', async () => {
    const { repoRoot, logDir } = await createTempRepo();
    const recorder = createSessionRecorder({ logDir, repoRoot, model: 'm', backend: 'ollama' });
    recorder.recordTurn(turnRecord());
    expect(existsSync(logDir)).toBe(false);
    await recorder.flush();
    expect(readdirSync(logDir)).toHaveLength(2);
  });

  it('writes 100 concurrent turns to 100 distinct, valid notes, all listed by the hub', async () => {
    const { repoRoot, logDir } = await createTempRepo();
    const recorder = createSessionRecorder({ logDir, repoRoot, model: 'm', backend: 'ollama' });
    const startedAt = new Date('2026-11-25T14:30:12.345Z'); // same millisecond for all: only ids keep them apart
    for (let index = 0; index < 100; index++) {
      recorder.recordTurn(turnRecord({ turnId: `turn-${index}`, requestId: `resp_${index}`, startedAt }));
    }
    await recorder.flush();

    const files = await readdir(logDir);
    const turnFiles = files.filter((file) => file.includes(' turn '));
    expect(turnFiles).toHaveLength(100);
    expect(files.filter((file) => file.endsWith('.tmp') || file.startsWith('.'))).toEqual([]);
    const hub = readFileSync(recorder.hubFile, 'utf8');
    expect(hub).toContain('turns: 100');
    expect(await validateNotes(logDir)).toEqual([]);
  });

  it('keeps distinct names even when the id generator repeats itself', async () => {
    const { repoRoot, logDir } = await createTempRepo();
    const recorder = createSessionRecorder({ logDir, repoRoot, model: 'm', backend: 'ollama', generateId: () => 'same' });
    for (let index = 0; index < 5; index++) recorder.recordTurn(turnRecord({ turnId: `turn-${index}` }));
    await recorder.close();
    expect((await readdir(logDir)).filter((file) => file.includes(' turn '))).toHaveLength(5);
    expect(await validateNotes(logDir)).toEqual([]);
  });

  it('never writes secrets: known values, sk- keys and bearer tokens in any field', async () => {
    const { repoRoot, logDir } = await createTempRepo();
    const bridgeToken = 'bridge-7f3a9c2e51d84b6a';
    const apiKey = 'sk-proj-Abc123Def456Ghi789Jkl012';
    const bearer = 'Bearer eyAbCdEfGhIjKlMnOpQrStUv';
    const recorder = createSessionRecorder({ logDir, repoRoot, model: 'm', backend: 'ollama', secrets: [bridgeToken] });
    const base = turnRecord();
    recorder.recordTurn({
      ...base,
      question: `my token is ${bridgeToken}, key ${apiKey}`,
      answer: `curl -H "Authorization: ${bearer}" with ${apiKey}`,
      reasoning: `the token ${bridgeToken}`,
      error: `401 for ${bearer}`,
      toolCalls: [{ name: 'exec_command', input: JSON.stringify({ cmd: `export OPENAI_API_KEY=${apiKey}; echo ${bridgeToken}` }) }],
      context: {
        ...base.context!,
        items: [{ ...base.context!.items[0]!, text: `const key = "${apiKey}";\n// ${bearer}\n${bridgeToken}` }],
      },
    });
    await recorder.close();

    const written = await readAll(logDir);
    expect(written).toContain('[REDACTED]');
    for (const secret of [bridgeToken, apiKey, 'eyAbCdEfGhIjKlMnOpQrStUv']) expect(written).not.toContain(secret);
    expect(await validateNotes(logDir)).toEqual([]);
  });

  it('replaces images with a short placeholder', async () => {
    const { repoRoot, logDir } = await createTempRepo();
    const recorder = createSessionRecorder({ logDir, repoRoot, model: 'm', backend: 'ollama' });
    const image = `data:image/png;base64,${'iVBORw0KGgo'.repeat(1200)}`;
    recorder.recordTurn(turnRecord({ question: `What is in this screenshot? ${image}` }));
    await recorder.close();
    const written = await readAll(logDir);
    expect(written).toContain('What is in this screenshot? [image 10 KB]');
    expect(written).not.toContain('iVBORw0KGgo');
  });

  it('flushSync puts every pending note on disk before returning (the exit path)', async () => {
    const { repoRoot, logDir } = await createTempRepo();
    const recorder = createSessionRecorder({ logDir, repoRoot, model: 'm', backend: 'ollama' });
    for (let index = 0; index < 3; index++) recorder.recordTurn(turnRecord({ turnId: `turn-${index}` }));
    recorder.flushSync(); // no await: as in process.on('exit')
    expect(readdirSync(logDir).filter((file) => file.endsWith('.md'))).toHaveLength(4);
    expect(readFileSync(recorder.hubFile, 'utf8')).toContain('turns: 3');
    await recorder.close(); // the async writes that were already queued must not clobber anything
    expect(readFileSync(recorder.hubFile, 'utf8')).toContain('turns: 3');
    expect(readdirSync(logDir).filter((file) => !file.endsWith('.md'))).toEqual([]);
    expect(await validateNotes(logDir)).toEqual([]);
  });

  it('close() writes every note recorded so far', async () => {
    const { repoRoot, logDir } = await createTempRepo();
    const recorder = createSessionRecorder({ logDir, repoRoot, model: 'm', backend: 'ollama' });
    recorder.recordTurn(turnRecord());
    recorder.recordTurn(turnRecord({ requestId: 'resp_0002', answer: 'second answer' }));
    await recorder.close();
    const written = await readAll(logDir);
    expect(written).toContain('requests: 2');
    expect(written).toContain('second answer');
    recorder.recordTurn(turnRecord({ turnId: 'late' }));
    await recorder.flush();
    expect((await readdir(logDir)).filter((file) => file.includes(' turn '))).toHaveLength(1);
  });

  it('survives process.exit with an exit handler that calls flushSync', async () => {
    const { repoRoot, logDir } = await createTempRepo();
    const script = join(repoRoot, 'exit-script.mts');
    const notesIndex = new URL('../../src/notes/index.ts', import.meta.url).href;
    await writeFile(
      script,
      [
        `import { createSessionRecorder } from ${JSON.stringify(notesIndex)};`,
        `const recorder = createSessionRecorder(${JSON.stringify({ logDir, repoRoot, model: 'm', backend: 'ollama' })});`,
        `process.on('exit', () => recorder.flushSync());`,
        `recorder.recordTurn({ requestId: 'resp_1', turnId: 't1', endpoint: 'responses', startedAt: new Date(), durationMs: 5,`,
        `  model: 'm', backend: 'ollama', question: 'crash test question', answer: 'crash test answer', toolCalls: [], status: 'completed' });`,
        `process.exit(0);`,
      ].join('\n'),
    );
    const tsx = join(process.cwd(), 'node_modules', '.bin', 'tsx');
    await promisify(execFile)(tsx, [script], { cwd: repoRoot });
    expect(await readAll(logDir)).toContain('crash test answer');
    expect(await validateNotes(logDir)).toEqual([]);
  });

  it('reports a disk error once and keeps the session going', async () => {
    const { repoRoot } = await createTempRepo();
    const blocker = join(repoRoot, 'docs');
    await writeFile(blocker, 'a file where the notes folder should be');
    const logger = recordingLogger();
    const onError = vi.fn();
    const recorder = createSessionRecorder({ logDir: 'docs/codex-ctx', repoRoot, model: 'm', backend: 'ollama', logger, onError });

    for (let index = 0; index < 3; index++) recorder.recordTurn(turnRecord({ turnId: `turn-${index}` }));
    await recorder.flush();
    recorder.recordTurn(turnRecord({ turnId: 'turn-3' }));
    recorder.flushSync();
    await recorder.close();

    expect(onError).toHaveBeenCalledTimes(1);
    expect(onError.mock.calls[0]?.[0]).toBeInstanceOf(Error);
    expect(logger.errors).toHaveLength(1);
  });

  it('writes later notes again once the disk problem is gone', async () => {
    const { repoRoot, logDir } = await createTempRepo();
    await mkdir(join(repoRoot, 'docs'), { recursive: true });
    await writeFile(logDir, 'blocks the folder');
    const onError = vi.fn();
    const recorder = createSessionRecorder({ logDir, repoRoot, model: 'm', backend: 'ollama', onError });
    recorder.recordTurn(turnRecord({ turnId: 'turn-1' }));
    await recorder.flush();
    expect(onError).toHaveBeenCalledTimes(1);

    await rm(logDir);
    recorder.recordTurn(turnRecord({ turnId: 'turn-2' }));
    await recorder.close();
    // The turn whose write failed is retried with the next one: hub and both turns are on disk.
    expect((await readdir(logDir)).filter((file) => file.includes(' turn '))).toHaveLength(2);
    expect(readFileSync(recorder.hubFile, 'utf8')).toContain('turns: 2');
    expect(await validateNotes(logDir)).toEqual([]);
  });
});

describe('listSessions', () => {
  it('lists session hubs newest first', async () => {
    const { repoRoot, logDir } = await createTempRepo();
    for (const [index, startedAt] of ['2026-11-24T09:00:00Z', '2026-11-25T09:00:00Z'].entries()) {
      const recorder = createSessionRecorder({
        logDir,
        repoRoot,
        sessionId: `session-${index}`,
        model: `model-${index}`,
        backend: 'ollama',
        startedAt: new Date(startedAt),
      });
      recorder.recordTurn(turnRecord({ turnId: `turn-${index}` }));
      await recorder.close();
    }
    const sessions = await listSessions(logDir);
    expect(sessions.map((session) => [session.id, session.model, session.turns, session.question])).toEqual([
      ['session-1', 'model-1', 1, 'Where does the proxy start listening?'],
      ['session-0', 'model-0', 1, 'Where does the proxy start listening?'],
    ]);
    const table = formatSessionList(sessions, { relativeTo: logDir }).split('\n');
    expect(table).toHaveLength(3);
    expect(table[0]).toMatch(/^CREATED +TURNS +TOKENS +MODEL +ID +FIRST QUESTION +NOTE$/);
    expect(table[1]).toMatch(/ session-1 +Where does the proxy start listening\? +.*session.*\.md$/);
    expect(await listSessions(join(logDir, 'missing'))).toEqual([]);
  });
});

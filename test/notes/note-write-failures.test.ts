import { chmodSync, mkdirSync, mkdtempSync, readdirSync, statSync, writeFileSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { createSessionRecorder } from '../../src/notes/create-session-recorder.js';
import { describeNoteWriteError } from '../../src/notes/describe-note-write-error.js';
import type { TurnRecord } from '../../src/notes/session-recorder.js';

const isRoot = process.getuid?.() === 0;

function turn(overrides: Partial<TurnRecord> = {}): TurnRecord {
  return {
    requestId: 'req_1',
    endpoint: 'responses',
    startedAt: new Date('2026-12-07T05:00:00Z'),
    durationMs: 10,
    model: 'qwen3',
    backend: 'ollama',
    question: 'why?',
    answer: 'because',
    toolCalls: [],
    status: 'completed',
    ...overrides,
  } as TurnRecord;
}

async function recordOne(logDir: string, record: TurnRecord, onError?: (error: Error) => void) {
  const repoRoot = mkdtempSync(join(tmpdir(), 'codex-ctx-notes-'));
  const recorder = createSessionRecorder({ logDir, repoRoot, model: 'qwen3', backend: 'ollama', onError });
  recorder.recordTurn(record);
  await recorder.close();
  return repoRoot;
}

describe('session notes on disk', () => {
  it('are private: notes 0600 in a 0700 folder, whatever the umask', async () => {
    const base = mkdtempSync(join(tmpdir(), 'codex-ctx-notes-'));
    const logDir = join(base, 'docs', 'codex-ctx');
    const previous = process.umask(0o022);
    try {
      await recordOne(logDir, turn());
    } finally {
      process.umask(previous);
    }
    expect(statSync(logDir).mode & 0o777).toBe(0o700);
    const notes = readdirSync(logDir).filter((name) => name.endsWith('.md'));
    expect(notes.length).toBeGreaterThan(0);
    for (const note of notes) expect(statSync(join(logDir, note)).mode & 0o777).toBe(0o600);
  });

  it('stay text: a NUL byte from a prompt and a newline in a path are escaped', async () => {
    const logDir = join(mkdtempSync(join(tmpdir(), 'codex-ctx-notes-')), 'notes');
    await recordOne(
      logDir,
      turn({
        question: 'what does \u0000 mean here?',
        toolCalls: [{ name: 'shell\nforged: yes', input: 'ls' }],
        context: {
          query: 'q',
          tokens: { used: 1, budget: 10 },
          block: '',
          items: [{ path: 'src/evil\n## Forged heading', startLine: 1, endLine: 2, score: 1, source: 'index', text: 'x', tokens: 1 }],
        },
      } as Partial<TurnRecord>),
    );
    const text = readdirSync(logDir)
      .filter((name) => name.endsWith('.md'))
      .map((name) => readFileSync(join(logDir, name), 'utf8'))
      .join('\n');
    expect(text).not.toContain('\u0000');
    expect(text).toContain('\\u0000');
    expect(text).not.toMatch(/^## Forged heading/m);
    expect(text).not.toMatch(/^forged: yes/m);
  });

  it('report one failure, once, naming the cause', async () => {
    const base = mkdtempSync(join(tmpdir(), 'codex-ctx-notes-'));
    writeFileSync(join(base, 'docs'), 'a file where the notes folder should go');
    const errors: Error[] = [];
    const logDir = join(base, 'docs', 'codex-ctx');
    const repoRoot = mkdtempSync(join(tmpdir(), 'codex-ctx-notes-'));
    const recorder = createSessionRecorder({ logDir, repoRoot, model: 'qwen3', backend: 'ollama', onError: (error) => errors.push(error) });
    recorder.recordTurn(turn());
    recorder.recordTurn(turn({ requestId: 'req_2' }));
    await recorder.close();
    expect(errors).toHaveLength(1);
    expect(await describeNoteWriteError(logDir, errors[0]!)).toMatch(/cannot be written to .*codex-ctx: a path component is a file, not a folder \(ENOTDIR\); .*--no-log/);
  });

  it.skipIf(isRoot)('names a read-only folder as permission denied, not ENOENT mkdir', async () => {
    const base = mkdtempSync(join(tmpdir(), 'codex-ctx-notes-'));
    const readOnly = join(base, 'ro');
    mkdirSync(readOnly);
    chmodSync(readOnly, 0o555);
    const logDir = join(readOnly, 'docs', 'codex-ctx');
    const errors: Error[] = [];
    await recordOne(logDir, turn(), (error) => errors.push(error));
    expect(errors).toHaveLength(1);
    expect(await describeNoteWriteError(logDir, errors[0]!)).toContain('permission denied (EACCES)');
  });

  it('names the nearest folder’s own error when mkdir only says ENOENT', async () => {
    const base = mkdtempSync(join(tmpdir(), 'codex-ctx-notes-'));
    writeFileSync(join(base, 'file'), '');
    const enoent = Object.assign(new Error("ENOENT: no such file or directory, mkdir 'x'"), { code: 'ENOENT' });
    expect(await describeNoteWriteError(join(base, 'file', 'notes'), enoent)).toContain('(ENOTDIR)');
  });
});

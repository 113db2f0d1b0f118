import { cp, mkdtemp, readdir, readFile, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { createSessionRecorder, formatProblems, validateNotes, type Problem } from '../../src/notes/index.js';
import { createTempRepo, turnRecord } from './notes-fixture.js';

/** A valid session (hub + two turns, one with tool calls) to copy and break one way per test. */
let pristine: { repoRoot: string; logDir: string; hub: string; turn: string };

beforeAll(async () => {
  const { repoRoot, logDir } = await createTempRepo();
  const recorder = createSessionRecorder({ logDir, repoRoot, model: 'qwen3-coder:30b', backend: 'ollama' });
  recorder.recordTurn(turnRecord({ answer: '', toolCalls: [{ name: 'exec_command', input: '{"cmd":"ls"}' }] }));
  recorder.recordTurn(turnRecord({ requestId: 'resp_0002' }));
  recorder.recordTurn(turnRecord({ requestId: 'resp_0003', turnId: 'turn-2', question: 'And where does it stop?' }));
  await recorder.close();
  const files = await readdir(logDir);
  pristine = {
    repoRoot,
    logDir,
    hub: files.find((file) => file.includes(' session '))!,
    turn: files.find((file) => file.includes(' turn '))!,
  };
});

/** Copies the pristine notes (inside the same repo, so relative links still resolve) and edits one. */
async function breakNote(which: 'hub' | 'turn', edit: (text: string) => string): Promise<{ dir: string; file: string }> {
  const dir = await mkdtemp(join(pristine.repoRoot, 'docs', 'copy-'));
  await cp(pristine.logDir, dir, { recursive: true });
  const file = join(dir, pristine[which]);
  const text = await readFile(file, 'utf8');
  const edited = edit(text);
  expect(edited).not.toBe(text);
  await writeFile(file, edited);
  return { dir, file };
}

function messages(problems: Problem[]): string[] {
  return problems.map((problem) => problem.message);
}

describe('validateNotes', () => {
  it('passes freshly written notes', async () => {
    expect(await validateNotes(pristine.logDir)).toEqual([]);
  });

  it('reports a note without frontmatter', async () => {
    const { dir, file } = await breakNote('turn', (text) => text.replace(/^---\n[\s\S]*?\n---\n/, ''));
    const problems = await validateNotes(dir);
    expect(problems).toContainEqual({ file, line: 1, message: expect.stringContaining('missing frontmatter') });
  });

  it('reports a property of the wrong type, with its line', async () => {
    const { dir, file } = await breakNote('turn', (text) => text.replace(/^tokens: \d+$/m, 'tokens: "many"'));
    const problems = await validateNotes(dir);
    const line = (await readFile(file, 'utf8')).split('\n').indexOf('tokens: "many"') + 1;
    expect(problems).toEqual([{ file, line, message: expect.stringMatching(/^property "tokens": .*number/) }]);
  });

  it('reports a missing required property', async () => {
    const { dir, file } = await breakNote('hub', (text) => text.replace(/^model: .*\n/m, ''));
    expect(await validateNotes(dir)).toEqual([{ file, line: 1, message: 'missing property "model" (session note)' }]);
  });

  it('reports a dangling wikilink', async () => {
    const { dir, file } = await breakNote('turn', (text) => text + '\nSee [[No such note|label]].\n');
    expect(messages(await validateNotes(dir))).toEqual(['wikilink [[No such note]] does not resolve to a note']);
    expect((await validateNotes(dir))[0]?.file).toBe(file);
  });

  it('reports a relative link to a file that does not exist', async () => {
    const { dir } = await breakNote('turn', (text) => text.replaceAll('src/cli.ts', 'src/gone.ts'));
    const problems = await validateNotes(dir);
    expect(problems.length).toBeGreaterThan(0);
    expect(messages(problems).every((message) => message === 'link to ../../src/gone.ts does not resolve to a file')).toBe(true);
  });

  it('reports a malformed callout', async () => {
    const { dir } = await breakNote('turn', (text) => text.replace('> [!cite]- [src/cli.ts', '> [!cite- [src/cli.ts'));
    expect(messages(await validateNotes(dir))).toEqual([expect.stringContaining('malformed callout header')]);
  });

  it('reports a callout body line that lost its "> " prefix', async () => {
    const { dir } = await breakNote('turn', (text) => text.replace('> await startProxy({ backend });\n> ```', '> await startProxy({ backend });\n```'));
    expect(messages(await validateNotes(dir))).toContain('code fence is never closed');
  });

  it('reports an orphan turn note that no session links to', async () => {
    const turnName = pristine.turn.slice(0, -3);
    const { dir } = await breakNote('hub', (text) => text.split('\n').filter((line) => !line.includes(`[[${turnName}|`)).join('\n'));
    const problems = await validateNotes(dir);
    expect(problems).toEqual([
      { file: join(dir, pristine.turn), message: 'orphan turn note: no session note links to it' },
    ]);
  });

  it('reports a turn whose session property points at a missing hub', async () => {
    const { dir } = await breakNote('turn', (text) => text.replace(/^session: .*$/m, 'session: "[[Elsewhere]]"'));
    expect(messages(await validateNotes(dir))).toEqual(['property "session" links [[Elsewhere]], which is not a session note']);
  });

  it('reads properties as Obsidian rewrites them (unquoted, flow lists)', async () => {
    const { dir } = await breakNote('hub', (text) =>
      text
        .replace(/tags:\n {2}- "codex-ctx"\n {2}- "codex-ctx\/session"/, 'tags: [codex-ctx, codex-ctx/session]')
        .replace(/^backend: "ollama"$/m, 'backend: ollama'),
    );
    expect(await validateNotes(dir)).toEqual([]);
  });

  it('reports a folder that cannot be read', async () => {
    const missing = join(await mkdtemp(join(tmpdir(), 'codex-ctx-')), 'nope');
    const problems = await validateNotes(missing);
    expect(problems).toHaveLength(1);
    expect(formatProblems(problems)).toMatch(/cannot read notes folder[\s\S]*1 problem$/);
  });
});

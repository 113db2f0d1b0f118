import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { createContextEngine } from '../../src/context/create-context-engine.js';
import { gatherCandidates } from '../../src/context/gather-candidates.js';
import { RepoIndex } from '../../src/context/index/repo-index.js';
import { previewContext } from '../../src/context/preview-context.js';
import { deriveSearchTerms } from '../../src/context/query/derive-search-terms.js';
import { silentLogger } from '../../src/log/logger.js';
import { createSessionRecorder } from '../../src/notes/create-session-recorder.js';
import { startFakeBridge } from '../support/fake-bridge.js';
import { createSampleRepo } from './sample-repo.js';
import type { TempRepo } from './temp-repo.js';

const QUESTION = 'How is the retry delay computed when the server sends retry-after?';
const TOKEN = 'bridge-token-0123456789abcdef';

const cleanups: Array<() => unknown> = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
});

/** Runs one retrieval and writes the session's notes into the repository, as a real session does. */
async function sessionWithNotes(repo: TempRepo, logDir: string): Promise<string[]> {
  const engine = createContextEngine({ repoRoot: repo.root, cacheDir: false, logDir });
  cleanups.push(() => engine.close());
  await engine.whenIndexed();
  const pack = await engine.retrieve(QUESTION);
  expect(pack.items.length).toBeGreaterThan(0);
  const recorder = createSessionRecorder({ logDir, repoRoot: repo.root, model: 'qwen3', backend: 'ollama' });
  recorder.recordTurn({
    requestId: 'resp_1',
    turnId: 'turn-1',
    threadId: 'thread-1',
    endpoint: 'responses',
    startedAt: new Date(),
    durationMs: 10,
    model: 'qwen3',
    backend: 'ollama',
    question: QUESTION,
    context: pack,
    answer: 'computeRetryDelay reads the retry-after header, else backs off exponentially.',
    toolCalls: [],
    status: 'completed',
  });
  await recorder.close();
  const notes = readdirSync(join(repo.root, logDir)).map((name) => `${logDir}/${name}`);
  // The notes quote the question and the code: without the exclusion they would match best.
  expect(notes.some((note) => readFileSync(join(repo.root, note), 'utf8').includes('computeRetryDelay'))).toBe(true);
  return notes;
}

describe('codex-ctx never retrieves its own notes', () => {
  it('a session note in the default docs/codex-ctx is not among the next dry run snippets', async () => {
    const repo = createSampleRepo();
    cleanups.push(() => repo.remove());
    const notes = await sessionWithNotes(repo, 'docs/codex-ctx');
    expect(notes.length).toBeGreaterThan(0);

    for (const useRipgrep of [true, false]) {
      const pack = await previewContext(QUESTION, { repoRoot: repo.root, cacheDir: false, useRipgrep });
      expect(pack.items.length).toBeGreaterThan(0);
      expect(pack.items.filter((item) => item.path.startsWith('docs/codex-ctx/'))).toEqual([]);
      expect(pack.block).not.toContain('docs/codex-ctx/');
    }
  });

  it('honours a custom logDir, and filters the bridge and the grep fallback by path', async () => {
    const repo = createSampleRepo();
    cleanups.push(() => repo.remove());
    const notes = await sessionWithNotes(repo, 'notes/sessions');
    const bridge = await startFakeBridge({
      token: TOKEN,
      repoRoot: repo.root,
      search: () => notes.map((path) => ({ path, startLine: 1, endLine: 20, score: 0.01 })),
    });
    cleanups.push(() => bridge.close());

    const engine = createContextEngine({
      repoRoot: repo.root,
      cacheDir: false,
      logDir: join(repo.root, 'notes/sessions'),
      bridge: { url: bridge.url, dialect: 'root', token: TOKEN },
    });
    cleanups.push(() => engine.close());
    await engine.whenIndexed();
    const pack = await engine.retrieve(QUESTION);
    expect(pack.items.map((item) => item.path)).toContain('src/http/retry-policy.ts');
    expect(pack.items.filter((item) => item.path.startsWith('notes/'))).toEqual([]);

    // Before the index is ready: the grep fallback over the whole repository.
    const index = new RepoIndex({ repoRoot: repo.root });
    const candidates = await gatherCandidates(
      deriveSearchTerms(QUESTION),
      { repoRoot: repo.root, index, useRipgrep: true, logger: silentLogger, excludedDirectories: ['notes/sessions'] },
      { deadlineMs: 2_000 },
    );
    const found = candidates.lists.flatMap((list) => list.hits.map((hit) => hit.path));
    expect(found).toContain('src/http/retry-policy.ts');
    expect(found.filter((path) => path.startsWith('notes/'))).toEqual([]);
    await index.close();
  });
});

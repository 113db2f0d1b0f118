import { afterEach, describe, expect, it } from 'vitest';
import { rankPaths } from '../../src/context/index/rank-paths.js';
import { RepoIndex } from '../../src/context/index/repo-index.js';
import { deriveSearchTerms } from '../../src/context/query/derive-search-terms.js';
import { createTempRepo, type TempRepo } from './temp-repo.js';

const repos: TempRepo[] = [];
afterEach(() => {
  for (const repo of repos.splice(0)) repo.remove();
});

async function pathsFor(files: Record<string, string>, question: string): Promise<string[]> {
  const repo = createTempRepo(files);
  repos.push(repo);
  const index = new RepoIndex({ repoRoot: repo.root });
  void index.start();
  await index.whenReady();
  const snapshot = index.snapshot();
  if (!snapshot) throw new Error('no index');
  return rankPaths(snapshot, deriveSearchTerms(question).terms, 5).map(({ path }) => path);
}

const DOCKERFILE = 'FROM node:20-slim\nCOPY . .\nCMD ["node", "main.js"]\n';

describe('rankPaths', () => {
  it('finds the file the question names, its directory telling apart files of one name', async () => {
    const paths = await pathsFor(
      {
        'services/gateway/Dockerfile': DOCKERFILE,
        'services/inventory/Dockerfile': DOCKERFILE,
        'services/inventory/src/stock.ts': 'export const stock = 1;\n',
      },
      'Which Dockerfile builds the inventory image?',
    );
    expect(paths[0]).toBe('services/inventory/Dockerfile');
    // A file named by none of the question's words is not listed for its directory alone.
    expect(paths).not.toContain('services/inventory/src/stock.ts');
  });

  it('lists a file only when the question says its whole name, never for one word of a long name', async () => {
    const paths = await pathsFor(
      { 'src/merge.ts': 'export const merge = 1;\n', 'src/merge-map.ts': 'export const mergeMap = 1;\n', 'src/deep-merge-options.ts': 'export const x = 1;\n' },
      'Where is merge implemented?',
    );
    expect(paths).toEqual(['src/merge.ts']);
  });

  it('names an entry file (index.js, main.py, mod.rs) by its directory', async () => {
    const paths = await pathsFor(
      { 'lib/url-alphabet/index.js': 'export const urlAlphabet = "abc";\n', 'lib/index.js': 'export * from "./url-alphabet/index.js";\n' },
      'Which url alphabet is the default?',
    );
    expect(paths).toEqual(['lib/url-alphabet/index.js']);
  });

  it('ignores translations and synonyms: only the user\'s own words name a file', async () => {
    const paths = await pathsFor({ 'src/compress.ts': 'export const level = 6;\n', 'src/other.ts': 'export const x = 1;\n' }, 'how do we shrink responses?');
    expect(paths).toEqual([]);
  });
});

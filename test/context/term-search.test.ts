import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { alternationOf } from '../../src/context/query/escape-regex.js';
import { isRetrievablePath } from '../../src/context/repo/is-retrievable-path.js';
import { listRepoFiles } from '../../src/context/repo/list-repo-files.js';
import type { LineMatch } from '../../src/context/search/line-match.js';
import { isRipgrepAvailable, ripgrepSearch } from '../../src/context/search/ripgrep-search.js';
import { scanFilesSearch } from '../../src/context/search/scan-files-search.js';
import { createTempRepo, type TempRepo } from './temp-repo.js';

// CI installs ripgrep; on a machine without it the ripgrep half is skipped and the fallback still runs.
const hasRipgrep = await isRipgrepAvailable();

let repo: TempRepo;
let paths: string[];
beforeAll(async () => {
  repo = createTempRepo({
    '.gitignore': 'build/\n',
    'src/retry.ts': 'export function retryAfter(header: string) {\n  return Number(header);\n}\nconst pattern = "a.b(c)";\n',
    'src/client.ts': 'import { retryAfter } from "./retry.js";\n// RETRYAFTER in a comment\n',
    'build/out.js': 'retryAfter();\n',
    'id_rsa': 'retryAfter secret key material\n',
  });
  paths = (await listRepoFiles(repo.root)).paths;
});
afterAll(() => repo.remove());

const sorted = (matches: LineMatch[]) => matches.map(({ path, line }) => `${path}:${line}`).sort();
const isAllowed = (path: string) => isRetrievablePath(path) && paths.includes(path);

describe.each([
  ['ripgrep', hasRipgrep, (pattern: string) => ripgrepSearch({ repoRoot: repo.root, pattern, isAllowed })],
  ['pure-JS scan', true, (pattern: string) => scanFilesSearch({ repoRoot: repo.root, pattern, isAllowed, paths })],
])('%s', (_name, available, search) => {
  it.runIf(available)('finds terms case-insensitively, outside ignored and secret files', async () => {
    expect(sorted(await search(alternationOf(['retryAfter'])))).toEqual(['src/client.ts:1', 'src/client.ts:2', 'src/retry.ts:1']);
  });

  it.runIf(available)('matches escaped user text literally', async () => {
    expect(sorted(await search(alternationOf(['a.b(c)'])))).toEqual(['src/retry.ts:4']);
    expect(await search(alternationOf(['a?b'])) ).toEqual([]);
  });

  it.runIf(available)('returns the matching line text', async () => {
    const [match] = await search(alternationOf(['Number']));
    expect(match).toEqual({ path: 'src/retry.ts', line: 2, text: '  return Number(header);' });
  });
});

it('stops at the signal and returns what it found so far', async () => {
  const controller = new AbortController();
  controller.abort();
  expect(await scanFilesSearch({ repoRoot: repo.root, pattern: 'retry', isAllowed, paths, signal: controller.signal })).toEqual([]);
  if (hasRipgrep) expect(await ripgrepSearch({ repoRoot: repo.root, pattern: 'retry', isAllowed, signal: controller.signal })).toEqual([]);
});

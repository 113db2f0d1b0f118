import { execFileSync } from 'node:child_process';
import { existsSync, readFileSync, readdirSync, symlinkSync, utimesSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { indexCachePath, loadIndexCache } from '../../src/context/index/index-cache.js';
import { RepoIndex } from '../../src/context/index/repo-index.js';
import { TermDictionary } from '../../src/context/index/term-dictionary.js';
import { isRetrievablePath } from '../../src/context/repo/is-retrievable-path.js';
import { listRepoFiles } from '../../src/context/repo/list-repo-files.js';
import { readTextFile } from '../../src/context/repo/read-text-file.js';
import { createTempRepo, type TempRepo } from './temp-repo.js';

const repos: TempRepo[] = [];
const repo = (files: Record<string, string | Buffer>, options?: { git?: boolean }) => {
  const created = createTempRepo(files, options);
  repos.push(created);
  return created;
};
afterEach(() => {
  for (const created of repos.splice(0)) created.remove();
});

const SOURCE = 'export function verifyToken(token: string) {\n  return token.length > 0;\n}\n';

describe('listRepoFiles', () => {
  it('honours .gitignore and never lists secret-named files', async () => {
    const created = repo({
      '.gitignore': 'dist/\n*.log\n',
      'src/auth.ts': SOURCE,
      'dist/bundle.js': SOURCE,
      'debug.log': 'verifyToken',
      '.env': 'API_KEY=x',
      '.env.production': 'API_KEY=x',
      'config/id_rsa': 'key',
      'certs/server.pem': 'pem',
      'deploy/.npmrc': '//registry:_authToken=x',
      'credentials.json': '{}',
      'secrets.yaml': 'a: b',
      'keys/signing.key': 'k',
    });
    const list = await listRepoFiles(created.root);
    expect(list.method).toBe('git');
    expect(list.paths).toEqual(['.gitignore', 'src/auth.ts']);
  });

  it('walks the directory when it is not a git repository', async () => {
    const created = repo({ 'src/auth.ts': SOURCE, 'node_modules/x/index.js': SOURCE, '.env': 'A=b' }, { git: false });
    const list = await listRepoFiles(created.root);
    expect(list).toEqual({ method: 'walk', paths: ['src/auth.ts'] });
  });
});

describe('isRetrievablePath', () => {
  it.each([
    ['src/app.ts', true],
    ['docs/secret-handling.md', true],
    ['.env.local', false],
    ['ops/.netrc', false],
    ['home/.ssh/config', false],
    ['keystore/app.p12', false],
    ['assets/logo.png', false],
    ['public/app.min.js', false],
    ['../outside.ts', false],
  ])('%s → %s', (path, expected) => {
    expect(isRetrievablePath(path)).toBe(expected);
  });
});

describe('RepoIndex', () => {
  it('indexes text files only: binaries and huge files are left out', async () => {
    const created = repo({
      'src/auth.ts': SOURCE,
      'assets/blob.dat2': Buffer.from([0x61, 0x00, 0x62]),
      'data/huge.json': `[${'1,'.repeat(400_000)}1]`,
    });
    const index = new RepoIndex({ repoRoot: created.root });
    await index.start();
    const snapshot = index.snapshot();
    expect(snapshot?.files.map((file) => file.path)).toEqual(['src/auth.ts']);
    expect(snapshot?.findSymbols(['verifyToken'], [], 5)[0]).toMatchObject({ path: 'src/auth.ts', exact: true, symbol: { startLine: 1, endLine: 3 } });
  });

  it('never follows a symbolic link (it could point at a secret outside the repository)', async () => {
    const outside = repo({ 'private.txt': 'zebracorn credentials live here\n' }, { git: false });
    const created = repo({ 'src/a.ts': SOURCE });
    symlinkSync(join(outside.root, 'private.txt'), join(created.root, 'src/notes.txt'));
    const index = new RepoIndex({ repoRoot: created.root });
    await index.start();
    expect(index.snapshot()?.files.map((file) => file.path)).toEqual(['src/a.ts']);
    expect(await readTextFile(join(created.root, 'src/notes.txt'))).toBeUndefined();
  });

  it('reuses the disk cache and re-reads only changed files', async () => {
    const created = repo({ 'src/a.ts': SOURCE, 'src/b.ts': 'export const b = 1;\n', 'src/c.ts': 'export const c = 1;\n' });
    const cacheDir = join(created.root, '.cache');
    const first = new RepoIndex({ repoRoot: created.root, cacheDir });
    await first.start();
    await first.close();
    expect(first.status()).toMatchObject({ state: 'ready', files: 3, filesAnalyzed: 3 });
    expect(existsSync(indexCachePath(cacheDir))).toBe(true);

    created.write('src/b.ts', 'export function renamedHelper() {}\n');
    const second = new RepoIndex({ repoRoot: created.root, cacheDir });
    await second.start();
    expect(second.status()).toMatchObject({ state: 'ready', files: 3, filesAnalyzed: 1, filesReused: 2 });
    expect(second.snapshot()?.findSymbols(['renamedHelper'], [], 1)[0]?.path).toBe('src/b.ts');
    expect(second.snapshot()?.findSymbols(['verifyToken'], [], 1)[0]?.path).toBe('src/a.ts');
    await second.close();
  });

  it('picks up edits on refresh', async () => {
    const created = repo({ 'src/a.ts': SOURCE });
    const index = new RepoIndex({ repoRoot: created.root, refreshIntervalMs: 0 });
    await index.start();
    created.write('src/new-module.ts', 'export function freshlyAdded() {}\n');
    await index.refresh();
    expect(index.snapshot()?.findSymbols(['freshlyAdded'], [], 1)[0]?.path).toBe('src/new-module.ts');
    expect(index.status().filesAnalyzed).toBe(1);
  });

  it('never writes the cache in read-only mode, and ignores a corrupt cache', async () => {
    const created = repo({ 'src/a.ts': SOURCE });
    const cacheDir = join(created.root, '.cache');
    const readOnly = new RepoIndex({ repoRoot: created.root, cacheDir, readOnly: true });
    await readOnly.start();
    await readOnly.close();
    expect(existsSync(cacheDir)).toBe(false);

    created.write('.cache/index.bin', 'garbage');
    const index = new RepoIndex({ repoRoot: created.root, cacheDir });
    await index.start();
    await index.close();
    expect(index.status()).toMatchObject({ state: 'ready', files: 1, filesAnalyzed: 1 });
    expect(readdirSync(cacheDir)).toEqual(['index.bin']);
  });

  it('ignores a cache cut short (a full disk, a copy interrupted) and rebuilds it whole', async () => {
    const created = repo({ 'src/a.ts': SOURCE, 'src/b.ts': 'export function other() {}\n' });
    const cacheDir = join(created.root, '.cache');
    const first = new RepoIndex({ repoRoot: created.root, cacheDir });
    await first.start();
    await first.close();
    const saved = readFileSync(indexCachePath(cacheDir));
    writeFileSync(indexCachePath(cacheDir), saved.subarray(0, saved.length - 3));
    expect(await loadIndexCache(cacheDir)).toBeUndefined();
    const reopened = new RepoIndex({ repoRoot: created.root, cacheDir });
    await reopened.start();
    await reopened.close();
    expect(reopened.status()).toMatchObject({ state: 'ready', files: 2, filesAnalyzed: 2 });
    expect((await loadIndexCache(cacheDir))?.files.map((file) => file.path)).toEqual(['src/a.ts', 'src/b.ts']);
  });

  it('reopens a repository seen before from the saved tables, and ranks exactly as a fresh build', async () => {
    const files: Record<string, string> = {};
    for (let module = 0; module < 30; module++) {
      files[`src/module-${module}.ts`] = `export function handleRequest${module}(request: Request) {\n  return retryPolicy${module % 4}(request);\n}\n`;
    }
    const created = repo(files);
    const cacheDir = join(created.root, '.cache');
    const first = new RepoIndex({ repoRoot: created.root, cacheDir });
    await first.start();
    await first.close();
    const reopened = new RepoIndex({ repoRoot: created.root, cacheDir });
    await reopened.start();
    expect(reopened.status()).toMatchObject({ state: 'ready', files: 30, filesAnalyzed: 0, filesRead: 0 });
    const query = [{ term: 'retry', weight: 1 }, { term: 'polic', weight: 1 }, { term: 'handlerequest7', weight: 1 }, { term: 'request', weight: 0.35 }];
    expect(reopened.snapshot()?.rankChunks(query, 20)).toEqual(first.snapshot()?.rankChunks(query, 20));
    expect(reopened.snapshot()?.rankFiles(query, 20)).toEqual(first.snapshot()?.rankFiles(query, 20));
    expect(reopened.snapshot()?.findSymbols(['handleRequest7'], query, 5)).toEqual(first.snapshot()?.findSymbols(['handleRequest7'], query, 5));
    expect(reopened.snapshot()?.findSymbols(['handleRequest7'], query, 1)[0]).toMatchObject({ path: 'src/module-7.ts', exact: true });
  });

  it('after a reopen, an edit rebuilds the tables from the cached files exactly as a fresh build would', async () => {
    const files: Record<string, string> = {};
    for (let module = 0; module < 20; module++) {
      // Repeated words push some term frequencies past what a posting stores.
      files[`src/module-${module}.ts`] = `export function retryJob${module}(job: Job) {\n${'  retry(job); retry(job);\n'.repeat(40 + module)}}\n`;
    }
    const created = repo(files);
    const cacheDir = join(created.root, '.cache');
    const first = new RepoIndex({ repoRoot: created.root, cacheDir });
    await first.start();
    await first.close();
    created.write('src/module-3.ts', 'export function scheduleJob(job: Job) {\n  return retry(job);\n}\n');
    const reopened = new RepoIndex({ repoRoot: created.root, cacheDir });
    await reopened.start();
    await reopened.close();
    expect(reopened.status()).toMatchObject({ files: 20, filesAnalyzed: 1, filesReused: 19 });
    const fresh = new RepoIndex({ repoRoot: created.root });
    await fresh.start();
    const query = [{ term: 'retri', weight: 1 }, { term: 'retry', weight: 1 }, { term: 'job', weight: 0.5 }, { term: 'schedulejob', weight: 1 }];
    expect(reopened.snapshot()?.rankChunks(query, 20)).toEqual(fresh.snapshot()?.rankChunks(query, 20));
    expect(reopened.snapshot()?.rankFiles(query, 20)).toEqual(fresh.snapshot()?.rankFiles(query, 20));
    // And once more from the cache the edit wrote.
    const third = new RepoIndex({ repoRoot: created.root, cacheDir });
    await third.start();
    expect(third.status()).toMatchObject({ filesAnalyzed: 0, filesRead: 0 });
    expect(third.snapshot()?.rankChunks(query, 20)).toEqual(fresh.snapshot()?.rankChunks(query, 20));
  });

  it('after refreshes, the tables rebuilt from the released term pairs rank exactly as a fresh build', async () => {
    const files: Record<string, string> = {};
    for (let module = 0; module < 20; module++) {
      // Repeated words push some term frequencies past what a posting stores.
      files[`src/module-${module}.ts`] = `export function retryJob${module}(job: Job) {\n${'  retry(job); retry(job);\n'.repeat(40 + module)}}\n`;
    }
    const created = repo(files);
    const index = new RepoIndex({ repoRoot: created.root, refreshIntervalMs: 0 });
    await index.start();
    const query = [{ term: 'retri', weight: 1 }, { term: 'retry', weight: 1 }, { term: 'job', weight: 0.5 }, { term: 'schedulejob', weight: 1 }, { term: 'cancel', weight: 1 }];
    const expectSameAsFresh = async () => {
      const fresh = new RepoIndex({ repoRoot: created.root });
      await fresh.start();
      expect(index.snapshot()?.rankChunks(query, 30)).toEqual(fresh.snapshot()?.rankChunks(query, 30));
      expect(index.snapshot()?.rankFiles(query, 30)).toEqual(fresh.snapshot()?.rankFiles(query, 30));
      expect(index.snapshot()?.chunkFrequency('retry')).toBe(fresh.snapshot()?.chunkFrequency('retry'));
    };
    created.write('src/module-3.ts', 'export function scheduleJob(job: Job) {\n  return retry(job);\n}\n');
    await index.refresh();
    expect(index.status()).toMatchObject({ files: 20, filesAnalyzed: 1 });
    await expectSameAsFresh();
    // A second refresh starts from the tables the first one built (its pairs released in turn).
    created.write('src/module-9.ts', 'export function cancelJob(job: Job) {\n  retry(job);\n}\n');
    // Touched, not changed: this file's record is copied with its new mtime, term pairs included.
    utimesSync(join(created.root, 'src/module-5.ts'), new Date(), new Date(Date.now() + 5_000));
    await index.refresh();
    expect(index.status()).toMatchObject({ files: 20, filesAnalyzed: 1 });
    await expectSameAsFresh();
  });

  it('does not re-read committed files whose mtimes changed (a checkout, a fresh clone) but whose content did not', async () => {
    const created = repo({ 'src/a.ts': SOURCE, 'src/b.ts': 'export const b = 1;\n' });
    const git = (...args: string[]) => execFileSync('git', ['-c', 'user.name=t', '-c', 'user.email=t@example.invalid', ...args], { cwd: created.root });
    git('add', '-A');
    git('commit', '-qm', 'initial');
    const cacheDir = join(created.root, '.cache');
    const first = new RepoIndex({ repoRoot: created.root, cacheDir });
    await first.start();
    await first.close();
    const later = new Date(Date.now() + 60_000);
    for (const path of ['src/a.ts', 'src/b.ts']) utimesSync(join(created.root, path), later, later);
    created.write('src/c.ts', 'export function untrackedHelper() {}\n');

    const second = new RepoIndex({ repoRoot: created.root, cacheDir });
    await second.start();
    // Only the new, untracked file is read; git vouches for the other two by their blob ids.
    expect(second.status()).toMatchObject({ state: 'ready', files: 3, filesRead: 1, filesAnalyzed: 1 });
    expect(second.snapshot()?.findSymbols(['verifyToken'], [], 1)[0]?.path).toBe('src/a.ts');

    created.write('src/a.ts', 'export function verifyTokenStrictly(token: string) {\n  return token.length > 8;\n}\n');
    await second.close();
    const third = new RepoIndex({ repoRoot: created.root, cacheDir });
    await third.start();
    // A modified tracked file is read again (git lists it as modified).
    expect(third.snapshot()?.findSymbols(['verifyTokenStrictly'], [], 1)[0]?.path).toBe('src/a.ts');
    await third.close();
  });

  it('two processes saving the same cache at once leave one complete, loadable index', async () => {
    const created = repo({ 'src/a.ts': SOURCE, 'src/b.ts': 'export function renamedHelper() {}\n' });
    const cacheDir = join(created.root, '.cache');
    const racers = [new RepoIndex({ repoRoot: created.root, cacheDir }), new RepoIndex({ repoRoot: created.root, cacheDir })];
    await Promise.all(racers.map((index) => index.start()));
    await Promise.all(racers.map((index) => index.close()));
    expect(readdirSync(cacheDir)).toEqual(['index.bin']);
    const loaded = await loadIndexCache(cacheDir);
    expect(loaded?.files.map((file) => file.path)).toEqual(['src/a.ts', 'src/b.ts']);
    const reopened = new RepoIndex({ repoRoot: created.root, cacheDir });
    await reopened.start();
    expect(reopened.status()).toMatchObject({ filesRead: 0, files: 2 });
    expect(reopened.snapshot()?.findSymbols(['renamedHelper'], [], 1)[0]?.path).toBe('src/b.ts');
  });

  it('adopts a saved dictionary of any size (10k-file repositories have 100k+ terms)', () => {
    const terms = Array.from({ length: 200_000 }, (_, id) => `term${id}`);
    const sorted = Int32Array.from(terms.keys()).sort((a, b) => ((terms[a] ?? '') < (terms[b] ?? '') ? -1 : 1));
    const dictionary = new TermDictionary();
    dictionary.adopt(terms, sorted);
    expect(dictionary.find('term123456')).toBe(123456);
    expect(dictionary.find('missing')).toBeUndefined();
    expect(dictionary.idOf('term7')).toBe(7);
    expect(dictionary.idOf('fresh')).toBe(200_000);
  });

  it('indexes the same on worker threads as in-process', async () => {
    const files: Record<string, string> = {};
    for (let module = 0; module < 12; module++) {
      files[`src/module-${module}.ts`] = `export function handler${module}(request: Request) {\n  return retryPolicy${module % 3}(request);\n}\n`;
    }
    const created = repo(files);
    const inProcess = new RepoIndex({ repoRoot: created.root, workers: 0 });
    const threaded = new RepoIndex({ repoRoot: created.root, workers: 2, workerThreshold: 1 });
    await Promise.all([inProcess.start(), threaded.start()]);
    const query = [{ term: 'retry', weight: 1 }, { term: 'polic', weight: 1 }, { term: 'handler7', weight: 1 }];
    expect(threaded.status()).toMatchObject({ state: 'ready', files: 12, filesAnalyzed: 12, analyzedOn: 'workers' });
    expect(inProcess.status()).toMatchObject({ analyzedOn: 'main-thread' });
    expect(threaded.snapshot()?.rankChunks(query, 20)).toEqual(inProcess.snapshot()?.rankChunks(query, 20));
    expect(threaded.snapshot()?.findSymbols(['handler7'], query, 5)).toEqual(inProcess.snapshot()?.findSymbols(['handler7'], query, 5));
  });

  it('ranks the chunk that defines what the question names first', async () => {
    const created = repo({
      'src/retry.ts': 'export function computeRetryDelay(attempt: number) {\n  return 2 ** attempt * 100;\n}\n',
      'src/client.ts': 'import { computeRetryDelay } from "./retry.js";\nexport async function send() {\n  await sleep(computeRetryDelay(1));\n}\n',
      'src/other.ts': 'export const unrelated = "value";\n',
    });
    const index = new RepoIndex({ repoRoot: created.root });
    await index.start();
    const ranked = index.snapshot()?.rankChunks([{ term: 'computeretrydelay', weight: 1 }, { term: 'retry', weight: 1 }], 5) ?? [];
    expect(ranked[0]).toMatchObject({ path: 'src/retry.ts', startLine: 1, endLine: 3 });
    expect(ranked.map((chunk) => chunk.path)).not.toContain('src/other.ts');
  });
});

import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { BridgeClient } from '../../src/context/bridge/bridge-client.js';
import { createContextEngine, type CodexCtxContextEngine, type ContextEngineConfig } from '../../src/context/create-context-engine.js';
import { gatherCandidates } from '../../src/context/gather-candidates.js';
import { RepoIndex } from '../../src/context/index/repo-index.js';
import { deriveSearchTerms } from '../../src/context/query/derive-search-terms.js';
import { silentLogger } from '../../src/log/logger.js';
import { redactSecrets } from '../../src/log/redact-secrets.js';
import type { InputItem, ResponsesRequest } from '../../src/wire/responses-request-schema.js';
import { startFakeBridge, type FakeBridge, type SemanticResult } from '../support/fake-bridge.js';
import { createSampleRepo, PLANTED_SECRETS, SAMPLE_FILES } from './sample-repo.js';
import { linesOf, type TempRepo } from './temp-repo.js';

const TOKEN = 'bridge-token-0123456789abcdef';
const QUESTION = 'How is the retry delay computed when the server sends retry-after?';

const cleanups: Array<() => unknown> = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
});

interface Setup {
  repo: TempRepo;
  bridge: FakeBridge;
  engine: CodexCtxContextEngine;
}

async function setup(options: { semantic?: SemanticResult[]; engine?: Partial<ContextEngineConfig>; waitForIndex?: boolean } = {}): Promise<Setup> {
  const repo = createSampleRepo();
  cleanups.push(() => repo.remove());
  const bridge = await startFakeBridge({
    token: TOKEN,
    repoRoot: repo.root,
    search: () => options.semantic ?? [{ path: 'docs/backoff.md', startLine: 1, endLine: 3, score: 0.2 }],
  });
  cleanups.push(() => bridge.close());
  const engine = createContextEngine({
    repoRoot: repo.root,
    bridge: { url: bridge.url, dialect: 'root', token: TOKEN },
    cacheDir: false,
    ...options.engine,
  });
  cleanups.push(() => engine.close());
  if (options.waitForIndex ?? true) await engine.whenIndexed();
  return { repo, bridge, engine };
}

const fixture = (name: string) =>
  JSON.parse(readFileSync(join(import.meta.dirname, '../fixtures/codex/requests', `${name}.json`), 'utf8')) as {
    headers: Record<string, string>;
    body: ResponsesRequest;
  };

/** A real Codex request with its user message replaced by a question about the sample repository. */
function codexRequest(name: string, question = QUESTION): { body: ResponsesRequest; headers: Headers } {
  const { body, headers } = fixture(name);
  const input = (body.input as InputItem[]).map((item) =>
    'role' in item && item.role === 'user' && JSON.stringify(item).includes('run echo')
      ? { ...item, content: [{ type: 'input_text', text: question }] }
      : item,
  );
  return { body: { ...body, input } as ResponsesRequest, headers: new Headers(headers) };
}

const inputOf = (request: ResponsesRequest) => request.input as InputItem[];
const textOf = (item: InputItem | undefined) => JSON.stringify(item);
const withoutContext = (input: InputItem[]) => input.filter((item) => !textOf(item).includes('<codex-ctx-context>'));

/** The captured two-turn TUI conversation with its two user messages replaced. */
function twoTurnConversation(first: string, second: string) {
  const { body, headers } = fixture('tui-turn2-multi-turn-history');
  const items = inputOf(body).map((item) => {
    const text = textOf(item);
    if (text.includes('run:echo first-turn-ok')) return { ...item, content: [{ type: 'input_text', text: first }] } as InputItem;
    if (text.includes('second message please')) return { ...item, content: [{ type: 'input_text', text: second }] } as InputItem;
    return item;
  });
  return { body, headers, items };
}

describe('retrieval sources', () => {
  it('every source reaches the candidates', async () => {
    const { repo, bridge } = await setup({ semantic: [{ path: 'src/http/retry-policy.ts', startLine: 1, endLine: 5, score: 0.1 }] });
    const client = new BridgeClient({ url: bridge.url, dialect: 'root', token: TOKEN });
    await client.call('symbolsIndex', {}, { deadline: Date.now() + 5_000 });
    const index = new RepoIndex({ repoRoot: repo.root });
    await index.start();
    const candidates = await gatherCandidates(deriveSearchTerms('where is computeRetryDelay and how is the delay computed?'), {
      repoRoot: repo.root,
      index,
      bridge: client,
      useRipgrep: true,
      logger: silentLogger,
    }, { deadlineMs: 2_000 });
    const found = Object.fromEntries(candidates.lists.map((list) => [list.id, list.hits.map((hit) => hit.path)]));
    for (const id of ['local-bm25', 'local-file', 'local-symbol', 'local-grep', 'bridge-semantic', 'bridge-grep', 'bridge-symbol']) {
      expect(found[id], id).toContain('src/http/retry-policy.ts');
    }
  });

  it('runs the sources in parallel and goes on without a slow one after the deadline', async () => {
    // Only the slow semantic search knows this file: if it shows up, the engine waited past its deadline.
    const { bridge, engine } = await setup({
      semantic: [{ path: 'src/storage/cache.go', startLine: 7, endLine: 11, score: 0.9 }],
      engine: { deadlineMs: 400 },
    });
    bridge.setDelay('search', 3_000);
    const pack = await engine.retrieve(QUESTION);
    expect(pack.items.map((item) => item.path)).toContain('src/http/retry-policy.ts');
    expect(pack.items.map((item) => item.path)).not.toContain('src/storage/cache.go');
    // All three bridge routes were asked, although the first of them never answered in time.
    const routes = bridge.requests.filter((request) => ['search', 'grep', 'symbolsFind'].includes(request.route ?? ''));
    expect(new Set(routes.map((request) => request.route))).toEqual(new Set(['search', 'grep', 'symbolsFind']));
  });

  it('uses semantic hits from the bridge in the block', async () => {
    // No word of the question (nor a code word for one) is in the file: only semantic search can find it.
    const { engine } = await setup({ semantic: [{ path: 'src/storage/cache.go', startLine: 7, endLine: 11, score: 0.3 }] });
    const pack = await engine.retrieve('which routine lets an entry go?');
    expect(pack.items.find((item) => item.path === 'src/storage/cache.go')).toMatchObject({ source: 'bridge:semantic', startLine: 7, endLine: 11 });
  });

  it('finds code by the words code uses for the question\'s everyday words ("forgets" → evict)', async () => {
    const { engine } = await setup({ engine: { bridge: undefined, useRipgrep: false } });
    const pack = await engine.retrieve('which routine forgets an entry?');
    expect(pack.items[0]).toMatchObject({ path: 'src/storage/cache.go', source: 'index' });
  });

  it('works without a bridge and without ripgrep', async () => {
    const { engine } = await setup({ engine: { bridge: undefined, useRipgrep: false } });
    const pack = await engine.retrieve('where is computeRetryDelay?');
    // The whole definition, with its doc comment.
    expect(pack.items[0]).toMatchObject({ path: 'src/http/retry-policy.ts', startLine: 1 });
    expect(pack.items[0]?.endLine).toBeGreaterThanOrEqual(5);
    expect(engine.status()).toMatchObject({ ripgrep: 'disabled', index: { state: 'ready' } });
  });

  it('waits a bounded time for the index on the first request, so it gets the ranked index', async () => {
    const { engine } = await setup({ engine: { bridge: undefined }, waitForIndex: false });
    expect(engine.status().index.state).not.toBe('ready');
    const pack = await engine.retrieve('where is computeRetryDelay?');
    expect(pack.items[0]).toMatchObject({ path: 'src/http/retry-policy.ts', source: 'index' });
  });

  it('answers from grep while the index is still being built', async () => {
    const { engine } = await setup({ engine: { bridge: undefined, indexWaitMs: 0 }, waitForIndex: false });
    expect(engine.status().index.state).not.toBe('ready');
    const pack = await engine.retrieve('where is computeRetryDelay?');
    expect(pack.items.map((item) => item.path)).toContain('src/http/retry-policy.ts');
    expect(new Set(pack.items.map((item) => item.source))).toEqual(new Set(['grep']));
  });

  it('keeps serving local context when the bridge rejects the token, and says so once', async () => {
    const { bridge, engine } = await setup({ engine: { bridge: undefined } });
    const rejected = createContextEngine({ repoRoot: engine.status().repoRoot, bridge: { url: bridge.url, dialect: 'root', token: 'not-the-token-xyz12345' }, cacheDir: false });
    cleanups.push(() => rejected.close());
    await rejected.whenIndexed();
    const first = await rejected.retrieve(QUESTION);
    await rejected.retrieve('where is verifyToken?');
    expect(first.items.length).toBeGreaterThan(0);
    expect(rejected.status().warnings).toHaveLength(1);
    expect(rejected.status().bridge?.auth).toBe('rejected');
    expect(JSON.stringify(rejected.status())).not.toContain('not-the-token-xyz12345');
  });
});

describe('citations', () => {
  it('quote exactly the cited lines of each file, after redaction', async () => {
    const { engine } = await setup();
    const pack = await engine.retrieve('which API key does apiKeyFor return, and how is the retry delay computed?');
    expect(pack.items.length).toBeGreaterThan(1);
    for (const [index, item] of pack.items.entries()) {
      const expected = linesOf(SAMPLE_FILES[item.path] ?? '', item.startLine, item.endLine);
      expect(item.text).toBe(redactSecrets(expected));
      expect(pack.block).toContain(`[${index + 1}] ${item.path}:${item.startLine}-${item.endLine} (${item.source}, `);
      expect(pack.block).toContain(`\n${item.text}\n`);
    }
    expect(pack.items.map((item) => item.path)).toEqual(expect.arrayContaining(['src/config/api-keys.ts', 'src/http/retry-policy.ts']));
  });

  it('never contain secrets, from any source', async () => {
    const { engine } = await setup({
      semantic: [
        { path: '.env', startLine: 1, endLine: 1, score: 0 },
        { path: 'src/config/api-keys.ts', startLine: 1, endLine: 7, score: 0.1 },
        { path: 'dist/bundle.js', startLine: 1, endLine: 1, score: 0.1 },
      ],
    });
    const pack = await engine.retrieve('where is the OPENAI_API_KEY and the aws access key configured? show .env');
    expect(pack.items.map((item) => item.path)).toContain('src/config/api-keys.ts');
    expect(pack.items.map((item) => item.path)).not.toContain('.env');
    expect(pack.items.map((item) => item.path)).not.toContain('dist/bundle.js');
    for (const secret of [...PLANTED_SECRETS, TOKEN]) expect(pack.block).not.toContain(secret);
  });
});

describe('augmentResponsesRequest', () => {
  it('gives title and compaction requests no context', async () => {
    const { engine } = await setup();
    for (const [name, reason] of [['tui-title-request', 'title-request'], ['exec-compaction-request', 'compaction-request']] as const) {
      const { body, headers } = fixture(name);
      const result = await engine.augmentResponsesRequest(body, { headers: new Headers(headers) });
      expect(result).toEqual({ request: body, skipped: reason });
    }
  });

  it('skips a message with nothing to search for', async () => {
    const { engine } = await setup();
    const { body, headers } = fixture('exec-text-turn1'); // "say hi"
    const result = await engine.augmentResponsesRequest(body, { headers: new Headers(headers) });
    expect(result.skipped).toBe('no-query');
    expect(result.request.input).toEqual(body.input);
  });

  it('inserts one user message right after the question, leaving everything the client sent untouched', async () => {
    const { engine } = await setup();
    const { body, headers } = codexRequest('exec-tool-turn2');
    const original = structuredClone(body);
    const result = await engine.augmentResponsesRequest(body, { headers });
    const input = inputOf(result.request);
    expect(body).toEqual(original);
    expect(withoutContext(input)).toEqual(inputOf(original));
    expect(input).toHaveLength(inputOf(original).length + 1);
    expect(input[4]).toEqual({ type: 'message', role: 'user', content: [{ type: 'input_text', text: result.context?.block }] });
    expect(textOf(input[3])).toContain(QUESTION);
    expect(result.context?.block).toMatch(/^<codex-ctx-context>\n[\s\S]*cite it as \[n\][\s\S]*\[1\] src\/http\/retry-policy\.ts:\d+-\d+ \(\w+, [\d.e-]+\)\n```ts\n/);
  });

  it('injects the byte-identical block into every request of a turn, retrieving once', async () => {
    const { bridge, engine } = await setup();
    const second = codexRequest('exec-tool-turn2'); // user message + function_call + output
    const first = { ...second, body: { ...second.body, input: inputOf(second.body).slice(0, 4) } }; // the turn's first request
    const one = await engine.augmentResponsesRequest(first.body, { headers: first.headers });
    const two = await engine.augmentResponsesRequest(second.body, { headers: second.headers });
    expect(inputOf(two.request).slice(0, 5)).toEqual(inputOf(one.request));
    expect(JSON.stringify(inputOf(two.request)[4])).toBe(JSON.stringify(inputOf(one.request)[4]));
    expect(bridge.requests.filter((request) => request.route === 'search')).toHaveLength(1);
  });

  it('shares one retrieval between concurrent requests of a turn', async () => {
    const { bridge, engine } = await setup();
    bridge.setDelay('search', 100);
    const { body, headers } = codexRequest('exec-tool-turn2');
    const results = await Promise.all([1, 2, 3].map(() => engine.augmentResponsesRequest(body, { headers })));
    expect(new Set(results.map((result) => result.context?.block)).size).toBe(1);
    expect(bridge.requests.filter((request) => request.route === 'search')).toHaveLength(1);
  });

  it('keys a turn by its message when Codex sends no turn metadata', async () => {
    const { bridge, engine } = await setup();
    const { body } = codexRequest('exec-tool-turn2');
    const one = await engine.augmentResponsesRequest(body, { headers: new Headers() });
    const two = await engine.augmentResponsesRequest(structuredClone(body), { headers: new Headers() });
    expect(one.context?.block).toBeDefined();
    expect(two.context?.block).toBe(one.context?.block);
    expect(bridge.requests.filter((request) => request.route === 'search')).toHaveLength(1);
  });

  it("puts earlier turns' blocks back after their own messages, so the prompt prefix stays identical", async () => {
    const { engine } = await setup();
    const { body, headers, items } = twoTurnConversation('where is computeRetryDelay?', 'and how is verifyToken checked?');
    const metadata = JSON.parse(headers['x-codex-turn-metadata'] ?? '{}') as Record<string, unknown>;
    const turnHeaders = (turnId: string) => new Headers({ ...headers, 'x-codex-turn-metadata': JSON.stringify({ ...metadata, turn_id: turnId }) });

    const turnOne = await engine.augmentResponsesRequest({ ...body, input: items.slice(0, 4) }, { headers: turnHeaders('turn-1') });
    const turnTwo = await engine.augmentResponsesRequest({ ...body, input: items }, { headers: turnHeaders('turn-2') });
    const one = inputOf(turnOne.request);
    const two = inputOf(turnTwo.request);
    expect(two.slice(0, one.length)).toEqual(one);
    expect(textOf(two.at(-1))).toContain('verify-token.ts');
    expect(textOf(two.at(-2))).toContain('and how is verifyToken checked?');
    expect(withoutContext(two)).toEqual(items);
  });

  it('reads a short follow-up together with the previous question of the thread', async () => {
    const { engine } = await setup({ engine: { bridge: undefined } });
    const { body, headers, items } = twoTurnConversation('which function computes the retry delay?', 'and who calls it?');
    const result = await engine.augmentResponsesRequest({ ...body, input: items }, { headers: new Headers(headers) });
    expect(result.context?.items.map((item) => item.path)).toContain('src/http/retry-policy.ts');
    expect(result.context?.block).toContain('computeRetryDelay(attempt');
  });

  it('after a compaction, puts back only the blocks of turns that follow the summary', async () => {
    const { engine } = await setup();
    const { body, headers } = fixture('exec-after-compaction-turn'); // developer, developer, environment, "run a tool", summary
    const [developer, permissions, environment, , summary] = inputOf(body);
    const ask = (text: string): InputItem => ({ type: 'message', role: 'user', content: [{ type: 'input_text', text }] }) as InputItem;
    const metadata = JSON.parse(headers['x-codex-turn-metadata'] ?? '{}') as Record<string, unknown>;
    const turnHeaders = (turnId: string) => new Headers({ ...headers, 'x-codex-turn-metadata': JSON.stringify({ ...metadata, turn_id: turnId }) });
    const prefix = [developer, permissions, environment] as InputItem[];

    const first = await engine.augmentResponsesRequest({ ...body, input: [...prefix, ask('where is computeRetryDelay?')] }, { headers: turnHeaders('turn-1') });
    // The same turn, continued after compaction: its own block still follows its question.
    const continued = await engine.augmentResponsesRequest({ ...body, input: [...prefix, ask('where is computeRetryDelay?'), summary!] }, { headers: turnHeaders('turn-1') });
    expect(textOf(inputOf(continued.request)[4])).toBe(textOf(inputOf(first.request)[4]));
    expect(textOf(inputOf(continued.request)[5])).toBe(textOf(summary));

    const next = await engine.augmentResponsesRequest(
      { ...body, input: [...prefix, ask('where is computeRetryDelay?'), summary!, ask('and how is verifyToken checked?')] },
      { headers: turnHeaders('turn-2') },
    );
    const input = inputOf(next.request);
    expect(input.filter((item) => textOf(item).includes('<codex-ctx-context>'))).toHaveLength(1);
    expect(textOf(input.at(-1))).toContain('verify-token.ts');
  });

  it('costs well under a millisecond once the turn is cached', async () => {
    const { engine } = await setup();
    const { body, headers } = codexRequest('exec-tool-turn2');
    await engine.augmentResponsesRequest(body, { headers });
    const rounds = 500;
    const started = performance.now();
    for (let round = 0; round < rounds; round++) await engine.augmentResponsesRequest(body, { headers });
    expect((performance.now() - started) / rounds).toBeLessThan(1);
  });
});

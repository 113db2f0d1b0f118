import { afterEach, describe, expect, it } from 'vitest';
import { BridgeClient } from '../../src/context/bridge/bridge-client.js';
import type { BridgeDialect } from '../../src/context/bridge/bridge-routes.js';
import { searchBridge } from '../../src/context/bridge/search-bridge.js';
import { deriveSearchTerms } from '../../src/context/query/derive-search-terms.js';
import type { Logger } from '../../src/log/logger.js';
import { startFakeBridge, type FakeBridge, type FakeBridgeOptions } from '../support/fake-bridge.js';
import { createTempRepo, type TempRepo } from './temp-repo.js';

const TOKEN = 'bridge-token-0123456789abcdef';

const cleanups: Array<() => unknown> = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
});

function recordingLogger(): Logger & { lines: string[] } {
  const lines: string[] = [];
  const write = (level: string) => (message: string, fields?: Record<string, unknown>) => lines.push(`${level} ${message} ${JSON.stringify(fields ?? {})}`);
  return { lines, debug: write('debug'), info: write('info'), warn: write('warn'), error: write('error'), flush: async () => {} };
}

async function setup(options: FakeBridgeOptions & { dialect?: BridgeDialect; clientToken?: string } = {}) {
  const repo: TempRepo = createTempRepo({
    'src/retry.ts': 'export function computeRetryDelay(attempt: number) {\n  return attempt * 100;\n}\n',
  });
  cleanups.push(() => repo.remove());
  const bridge: FakeBridge = await startFakeBridge({
    token: TOKEN,
    repoRoot: repo.root,
    search: () => [
      { path: 'src/far.ts', startLine: 1, endLine: 5, score: 0.9 },
      { path: 'src/retry.ts', startLine: 1, endLine: 3, score: 0.1 },
      { path: 'src/null.ts', startLine: 1, endLine: 2, score: null },
    ],
    ...options,
  });
  cleanups.push(() => bridge.close());
  const logger = recordingLogger();
  const client = new BridgeClient({ url: bridge.url, dialect: options.dialect ?? 'root', token: options.clientToken ?? TOKEN }, { logger });
  return { bridge, client, logger };
}

const deadline = (ms = 2_000) => ({ deadline: Date.now() + ms });
const terms = deriveSearchTerms('where is computeRetryDelay?');

describe('BridgeClient', () => {
  it.each(['root', 'v0', 'v1'] as const)('sends the token on every call (%s dialect)', async (dialect) => {
    const { bridge, client } = await setup({ dialect });
    const lists = await searchBridge(client, terms, { ...deadline(), grepTerms: ['computeRetryDelay'] });
    expect(lists.map((list) => list.id).sort()).toEqual(dialect === 'v1' ? ['bridge-grep', 'bridge-semantic'] : ['bridge-grep', 'bridge-semantic', 'bridge-symbol']);
    expect(bridge.requests.length).toBeGreaterThanOrEqual(2);
    for (const request of bridge.requests) {
      expect(request.headers.authorization).toBe(`Bearer ${TOKEN}`);
      if (dialect === 'v1') expect(request.headers['x-pi-token']).toBe(TOKEN);
    }
  });

  it('ranks semantic hits by distance (lower is closer, null last)', async () => {
    const { client } = await setup();
    const lists = await searchBridge(client, terms, { ...deadline(), grepTerms: ['computeRetryDelay'] });
    expect(lists.find((list) => list.id === 'bridge-semantic')?.hits.map((hit) => hit.path)).toEqual(['src/retry.ts', 'src/far.ts', 'src/null.ts']);
  });

  it('reports a wrong token once, loudly, and stops calling the bridge', async () => {
    const { bridge, client, logger } = await setup({ clientToken: 'wrong-token-abcdefghijklmnop' });
    await searchBridge(client, terms, { ...deadline(), grepTerms: ['computeRetryDelay'] });
    const callsAfterFirst = bridge.requests.length;
    await searchBridge(client, terms, { ...deadline(), grepTerms: ['computeRetryDelay'] });
    await searchBridge(client, terms, { ...deadline(), grepTerms: ['computeRetryDelay'] });
    expect(bridge.requests.length).toBe(callsAfterFirst);
    expect(client.warnings).toHaveLength(1);
    expect(client.warnings[0]).toMatch(/401 unauthorized.*SMARTGPT_BRIDGE_TOKEN/);
    expect(client.status().auth).toBe('rejected');
    expect(logger.lines.filter((line) => line.startsWith('error'))).toHaveLength(1);
    for (const text of [...client.warnings, ...logger.lines]) expect(text).not.toContain('wrong-token-abcdefghijklmnop');
  });

  it('degrades one route on 403 or 500 and keeps the others', async () => {
    const { bridge, client } = await setup();
    bridge.setError('search', { status: 403 });
    bridge.setError('grep', { status: 500 });
    const lists = await searchBridge(client, terms, { ...deadline(), grepTerms: ['computeRetryDelay'] });
    expect(lists.map((list) => list.id)).toEqual(['bridge-symbol']);
    expect(client.status().routes).toMatchObject({ search: 'disabled', grep: 'failing', symbolsFind: 'ok' });
    // A forbidden route is not asked again; a failing one is (it may heal).
    bridge.setError('grep', undefined);
    const searchesBefore = bridge.requests.filter((request) => request.route === 'search').length;
    const again = await searchBridge(client, terms, { ...deadline(), grepTerms: ['computeRetryDelay'] });
    expect(bridge.requests.filter((request) => request.route === 'search').length).toBe(searchesBefore);
    expect(again.map((list) => list.id).sort()).toEqual(['bridge-grep', 'bridge-symbol']);
  });

  it('names the dialect when a route is not served (404)', async () => {
    const { client } = await setup({ dialects: ['v1'], dialect: 'root' });
    await searchBridge(client, terms, { ...deadline(), grepTerms: ['computeRetryDelay'] });
    expect(client.warnings.join('\n')).toMatch(/not served \(404\).*dialect \(configured: root\)/);
  });

  it('honours retry-after when the pause ends before the deadline', async () => {
    const { bridge, client } = await setup();
    bridge.setError('search', { status: 429, retryAfter: '0.2', times: 1 });
    const started = Date.now();
    const result = await client.call('search', { q: 'x' }, deadline(2_000));
    expect(result.ok).toBe(true);
    expect(Date.now() - started).toBeGreaterThanOrEqual(190);
    expect(bridge.requests.filter((request) => request.route === 'search')).toHaveLength(2);
  });

  it('does not wait past the deadline for a rate limit', async () => {
    const { bridge, client } = await setup();
    bridge.setError('search', { status: 429, retryAfter: '30' });
    const started = Date.now();
    expect(await client.call('search', { q: 'x' }, deadline(300))).toEqual({ ok: false, reason: 'rate-limited' });
    expect(Date.now() - started).toBeLessThan(250);
    // Still paused: the next call does not even reach the bridge.
    const calls = bridge.requests.length;
    expect((await client.call('search', { q: 'x' }, deadline(300))).ok).toBe(false);
    expect(bridge.requests.length).toBe(calls);
  });

  it('sends grep a regex built from escaped user text', async () => {
    const { bridge, client } = await setup();
    await searchBridge(client, deriveSearchTerms('what does a.b(c) do'), { ...deadline(), grepTerms: ['a.b(c)', 'retry'] });
    const grep = bridge.requests.find((request) => request.route === 'grep');
    expect(grep?.body).toMatchObject({ pattern: '(?:a\\.b\\(c\\)|retry)', flags: 'i' });
  });

  it('never treats an error body as results', async () => {
    const { bridge, client } = await setup();
    bridge.setError('grep', { status: 200, body: { ok: false, error: 'rg error: boom', results: [{ path: 'src/retry.ts', line: 1 }] } });
    const lists = await searchBridge(client, terms, { ...deadline(), grepTerms: ['computeRetryDelay'] });
    expect(lists.map((list) => list.id)).not.toContain('bridge-grep');
  });

  it('checks the token with /auth/me', async () => {
    const { client } = await setup();
    await client.call('authMe', undefined, { ...deadline(), method: 'GET' });
    expect(client.status()).toMatchObject({ auth: 'accepted', reachable: true });
  });
});

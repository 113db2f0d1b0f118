import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { describeBridgeProblems, probeBridge } from '../../src/cli/probe-bridge.js';

/** The routes of shared/spec/smartgpt-bridge.md that the probe touches, for one dialect and token. */
async function startBridge(options: { dialect: 'root' | 'v0' | 'v1'; token?: string }) {
  const routes = { root: '/grep', v0: '/v0/grep', v1: '/v1/search/code' };
  const seen: Array<{ path: string; authorization?: string; piToken?: string }> = [];
  const server = http.createServer((request, response) => {
    const path = (request.url ?? '').split('?')[0] ?? '';
    seen.push({ path, authorization: request.headers.authorization, piToken: request.headers['x-pi-token'] as string | undefined });
    request.resume();
    const authorized = !options.token || request.headers.authorization === `Bearer ${options.token}`;
    const send = (status: number, body: unknown) => {
      response.writeHead(status, { 'content-type': 'application/json' });
      response.end(JSON.stringify(body));
    };
    if (path !== '/auth/me' && path !== routes[options.dialect]) return send(404, { ok: false, error: 'not found' });
    if (!authorized) return send(401, { ok: false, error: 'unauthorized' });
    return send(200, path === '/auth/me' ? { ok: true } : { ok: true, results: [] });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  return { url, seen, close: () => new Promise<void>((resolve) => server.close(() => resolve())) };
}

const servers: Array<{ close(): Promise<void> }> = [];
afterEach(async () => {
  for (const server of servers.splice(0)) await server.close();
});

describe('probeBridge', () => {
  it('confirms the configured dialect and an accepted token', async () => {
    const bridge = await startBridge({ dialect: 'root', token: 'bridge-token-123' });
    servers.push(bridge);
    const config = { url: bridge.url, dialect: 'root' as const, token: 'bridge-token-123' };
    const probe = await probeBridge(config);
    expect(probe).toEqual({ reachable: true, dialect: 'root', auth: 'accepted' });
    expect(describeBridgeProblems(config, probe)).toEqual([]);
    expect(bridge.seen[0]).toMatchObject({ path: '/auth/me', authorization: 'Bearer bridge-token-123' });
  });

  it('finds the dialect that answers when the configured one does not', async () => {
    const bridge = await startBridge({ dialect: 'v0' });
    servers.push(bridge);
    const config = { url: bridge.url, dialect: 'root' as const };
    const probe = await probeBridge(config);
    expect(probe.dialect).toBe('v0');
    expect(describeBridgeProblems(config, probe)).toEqual([
      `SmartGPT Bridge at ${bridge.url} answers the v0 routes, not root; using v0 (pass --bridge-dialect v0 to say so)`,
    ]);
  });

  it('sends x-pi-token in the v1 dialect', async () => {
    const bridge = await startBridge({ dialect: 'v1', token: 'bridge-token-123' });
    servers.push(bridge);
    await probeBridge({ url: bridge.url, dialect: 'v1', token: 'bridge-token-123' });
    expect(bridge.seen.find((request) => request.path === '/v1/search/code')?.piToken).toBe('bridge-token-123');
  });

  it('reports a rejected or missing token without revealing it', async () => {
    const bridge = await startBridge({ dialect: 'root', token: 'the-right-token' });
    servers.push(bridge);
    const wrong = { url: bridge.url, dialect: 'root' as const, token: 'the-wrong-token' };
    const probe = await probeBridge(wrong);
    expect(probe.auth).toBe('rejected');
    const problems = describeBridgeProblems(wrong, probe);
    expect(problems).toEqual([`SmartGPT Bridge at ${bridge.url} rejected the token; check SMARTGPT_BRIDGE_TOKEN (local retrieval still works)`]);
    expect(problems.join('')).not.toContain('the-wrong-token');
    const none = { url: bridge.url, dialect: 'root' as const };
    expect(describeBridgeProblems(none, await probeBridge(none))[0]).toContain('needs a token; set SMARTGPT_BRIDGE_TOKEN');
  });

  it('reports an unreachable bridge as a fallback to local retrieval', async () => {
    const config = { url: 'http://127.0.0.1:9', dialect: 'root' as const };
    const probe = await probeBridge(config);
    expect(probe.reachable).toBe(false);
    expect(describeBridgeProblems(config, probe)[0]).toMatch(/^SmartGPT Bridge at http:\/\/127\.0\.0\.1:9 is not reachable \(.+\); using local retrieval only$/);
  });
});

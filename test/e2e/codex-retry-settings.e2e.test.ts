import { mkdtempSync } from 'node:fs';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { execa } from 'execa';
import { afterEach, describe, expect, it } from 'vitest';
import { API_KEY_ENV, buildCodexArgs, type CodexArgsOptions } from '../../src/cli/build-codex-args.js';
import { CODEX_BIN } from '../support/run-codex.js';
import { startTestProxy, type TestProxy } from '../support/start-test-proxy.js';

/** The real Codex with the provider override codex-ctx gives it, `exec hi`, within `timeout`. */
function execCodex(proxyBaseUrl: string, timeout: number, extra: Partial<CodexArgsOptions> = {}) {
  const args = buildCodexArgs({ proxyBaseUrl, model: 'qwen3', contextWindow: 32768, userArgs: ['exec', '--skip-git-repo-check', 'hi'], ...extra });
  return execa(CODEX_BIN, args, {
    cwd: mkdtempSync(join(tmpdir(), 'codex-cwd-')),
    env: { CODEX_HOME: mkdtempSync(join(tmpdir(), 'codex-home-')), [API_KEY_ENV]: 'sk-test', NO_COLOR: '1', RUST_LOG: 'error' },
    extendEnv: false,
    stdin: 'ignore',
    reject: false,
    timeout,
  });
}

/**
 * Against a server that fails every request with a 500, Codex by default makes 30 attempts over ~24 s
 * (spec §5); with our settings it gives up after a handful, so a broken session ends with its message
 * instead of a minute of "Reconnecting".
 */
describe('Codex retry settings from codex-ctx', () => {
  it('stops after at most 4 attempts on a failing proxy', async () => {
    let attempts = 0;
    const server = createServer((request, response) => {
      request.resume();
      if (request.url?.endsWith('/responses')) attempts++;
      response.writeHead(500, { 'content-type': 'application/json' }).end('{"error":{"message":"boom","type":"server_error"}}');
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    try {
      const result = await execCodex(`http://127.0.0.1:${(server.address() as AddressInfo).port}/v1`, 60_000);
      expect(result.timedOut).toBe(false);
      expect(result.exitCode).toBe(1);
      expect(attempts).toBeGreaterThanOrEqual(1);
      expect(attempts).toBeLessThanOrEqual(4);
    } finally {
      await new Promise((resolve) => server.close(resolve));
    }
  });
});

/**
 * Our proxy in front of an Ollama that accepts the chat and never says another word. Before the
 * backend deadline, heartbeats kept Codex waiting forever; now the proxy gives up after
 * `--backend-timeout` and Codex ends with the proxy's message instead of its own idle timeout.
 */
describe('codex exec against a hung backend', () => {
  let harness: TestProxy | undefined;
  afterEach(async () => {
    await harness?.close();
    harness = undefined;
  });

  for (const sendHeaders of [false, true]) {
    it(`ends with the deadline's message (${sendHeaders ? 'headers, then silence' : 'no answer at all'})`, async () => {
      const backendTimeout = 2;
      harness = await startTestProxy({ fake: { script: () => ({ kind: 'hang', sendHeaders }) }, backend: { backendTimeoutMs: backendTimeout * 1000 } });
      // Codex's own idle limit is backendTimeout + 30 s: ending well before it proves ours fired.
      const result = await execCodex(harness.proxy.baseUrl, 25_000, { backendTimeout });
      expect(result.timedOut).toBe(false);
      expect(result.exitCode).toBe(1);
      const output = `${result.stdout}\n${result.stderr}`;
      expect(output).toMatch(/did not start answering within 2 s|went silent for 2 s/);
      expect(output).toContain('--backend-timeout');
      // Shown at once, not retried: one chat request reached the backend.
      expect(harness.ollama.chatRequests()).toHaveLength(1);
    }, 40_000);
  }
});

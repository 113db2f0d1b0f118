import { mkdtempSync } from 'node:fs';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { execa } from 'execa';
import { describe, expect, it } from 'vitest';
import { API_KEY_ENV, buildCodexArgs } from '../../src/cli/build-codex-args.js';
import { CODEX_BIN } from '../support/run-codex.js';

/**
 * The real Codex with the provider override codex-ctx gives it, against a server that fails every
 * request with a 500: by default Codex makes 30 attempts over ~24 s (spec §5); with our settings it gives
 * up after a handful, so a broken session ends with its message instead of a minute of "Reconnecting".
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
      const baseUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}/v1`;
      const args = buildCodexArgs({ proxyBaseUrl: baseUrl, model: 'qwen3', contextWindow: 32768, userArgs: ['exec', '--skip-git-repo-check', 'hi'] });
      const result = await execa(CODEX_BIN, args, {
        cwd: mkdtempSync(join(tmpdir(), 'codex-cwd-')),
        env: { CODEX_HOME: mkdtempSync(join(tmpdir(), 'codex-home-')), [API_KEY_ENV]: 'sk-test', NO_COLOR: '1', RUST_LOG: 'error' },
        extendEnv: false,
        stdin: 'ignore',
        reject: false,
        timeout: 60_000,
      });
      expect(result.timedOut).toBe(false);
      expect(result.exitCode).toBe(1);
      expect(attempts).toBeGreaterThanOrEqual(1);
      expect(attempts).toBeLessThanOrEqual(4);
    } finally {
      await new Promise((resolve) => server.close(resolve));
    }
  });
});

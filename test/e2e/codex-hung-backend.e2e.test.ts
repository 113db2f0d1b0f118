import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { execa } from 'execa';
import { afterEach, describe, expect, it } from 'vitest';
import { API_KEY_ENV, buildCodexArgs } from '../../src/cli/build-codex-args.js';
import { CODEX_BIN } from '../support/run-codex.js';
import { startTestProxy, type TestProxy } from '../support/start-test-proxy.js';

/**
 * The real Codex against our proxy in front of an Ollama that accepts the chat and never says another
 * word. Before the backend deadline, heartbeats kept Codex waiting forever; now the proxy gives up after
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
      harness = await startTestProxy({
        fake: { script: () => ({ kind: 'hang', sendHeaders }) },
        backend: { backendTimeoutMs: backendTimeout * 1000 },
      });
      const args = buildCodexArgs({
        proxyBaseUrl: harness.proxy.baseUrl,
        model: 'qwen3',
        contextWindow: 32768,
        backendTimeout,
        userArgs: ['exec', '--skip-git-repo-check', 'hi'],
      });
      const result = await execa(CODEX_BIN, args, {
        cwd: mkdtempSync(join(tmpdir(), 'codex-cwd-')),
        env: { CODEX_HOME: mkdtempSync(join(tmpdir(), 'codex-home-')), [API_KEY_ENV]: 'sk-test', NO_COLOR: '1', RUST_LOG: 'error' },
        extendEnv: false,
        stdin: 'ignore',
        reject: false,
        // Codex's own idle limit would be backendTimeout + 30 s: ending well before it proves ours fired.
        timeout: 25_000,
      });
      expect(result.timedOut).toBe(false);
      expect(result.exitCode).toBe(1);
      expect(`${result.stdout}\n${result.stderr}`).toMatch(/did not start answering within 2 s|went silent for 2 s/);
      expect(`${result.stdout}\n${result.stderr}`).toContain('--backend-timeout');
      // Shown at once, not retried: one chat request reached the backend.
      expect(harness.ollama.chatRequests()).toHaveLength(1);
    }, 40_000);
  }
});

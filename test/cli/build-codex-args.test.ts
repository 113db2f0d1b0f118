import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { execa } from 'execa';
import { describe, expect, it } from 'vitest';
import { buildCodexArgs, buildCodexEnv } from '../../src/cli/build-codex-args.js';
import { tomlString } from '../../src/cli/toml-string.js';

const CODEX = fileURLToPath(new URL('../../node_modules/.bin/codex', import.meta.url));

describe('buildCodexArgs', () => {
  it('points Codex at the proxy with -c overrides before the user arguments', () => {
    expect(
      buildCodexArgs({
        proxyBaseUrl: 'http://127.0.0.1:4321/v1',
        model: 'qwen3:8b',
        contextWindow: 32768,
        catalogPath: '/tmp/codex-ctx-x/model-catalog.json',
        userArgs: ['exec', 'fix "the" test'],
      }),
    ).toEqual([
      '-c',
      'model_providers.codex-ctx={name="codex-ctx",base_url="http://127.0.0.1:4321/v1",env_key="CODEX_CTX_API_KEY",wire_api="responses",request_max_retries=1,stream_max_retries=1,stream_idle_timeout_ms=330000}',
      '-c',
      'model_provider="codex-ctx"',
      '-m',
      'qwen3:8b',
      '-c',
      'model_context_window=32768',
      '-c',
      'model_catalog_json="/tmp/codex-ctx-x/model-catalog.json"',
      'exec',
      'fix "the" test',
    ]);
  });

  it("sets Codex's idle limit 30 s above the backend deadline, so the proxy's message arrives first", () => {
    const args = buildCodexArgs({ proxyBaseUrl: 'http://127.0.0.1:1/v1', model: 'm', contextWindow: 8192, userArgs: [], backendTimeout: 60 });
    expect(args[1]).toContain('stream_idle_timeout_ms=90000}');
  });

  it('leaves the catalog out with --codex-prompt (Codex keeps its own system prompt)', () => {
    const args = buildCodexArgs({ proxyBaseUrl: 'http://127.0.0.1:1/v1', model: 'm', contextWindow: 8192, userArgs: [] });
    expect(args.some((arg) => arg.startsWith('model_catalog_json'))).toBe(false);
    expect(args).toContain('model_context_window=8192');
  });

  it('gives the child the session key under both names and the proxy as OPENAI_BASE_URL', () => {
    expect(buildCodexEnv({ proxyBaseUrl: 'http://127.0.0.1:1/v1', apiKey: 'sk-x' })).toEqual({
      CODEX_CTX_API_KEY: 'sk-x',
      OPENAI_BASE_URL: 'http://127.0.0.1:1/v1',
      OPENAI_API_KEY: 'sk-x',
    });
  });
});

describe('tomlString', () => {
  it('escapes quotes, backslashes and control characters', () => {
    expect(tomlString('C:\\Users\\a "b"\n\u0001')).toBe('"C:\\\\Users\\\\a \\"b\\"\\n\\u0001"');
  });
});

describe('the real pinned Codex accepts what we build', () => {
  it('parses every override, including a catalog path with spaces and quotes', async () => {
    const base = mkdtempSync(join(tmpdir(), 'codex-ctx-args-'));
    const directory = join(base, 'dir with "quotes" and spaces');
    mkdirSync(directory);
    const catalogPath = join(directory, 'catalog.json');
    writeFileSync(
      catalogPath,
      JSON.stringify({
        models: [
          {
            slug: 'probe-model',
            display_name: 'probe',
            supported_reasoning_levels: [],
            shell_type: 'shell_command',
            visibility: 'list',
            supported_in_api: true,
            priority: 1,
            support_verbosity: false,
            truncation_policy: { mode: 'tokens', limit: 1000 },
            experimental_supported_tools: [],
            base_instructions: 'PROBE',
          },
        ],
      }),
    );
    const args = buildCodexArgs({
      proxyBaseUrl: 'http://127.0.0.1:9/v1',
      model: 'probe-model',
      contextWindow: 4096,
      catalogPath,
      userArgs: ['debug', 'models'],
    });
    const home = join(base, 'codex-home');
    mkdirSync(home);
    // `debug models` renders the catalog Codex loaded, without calling any model.
    const result = await execa(CODEX, args, { env: { CODEX_HOME: home, CODEX_CTX_API_KEY: 'k' }, reject: false, stdin: 'ignore' });
    expect(result.exitCode, result.stderr).toBe(0);
    const rendered = JSON.parse(result.stdout) as { models: Array<{ slug: string; base_instructions: string }> };
    expect(rendered.models.map((model) => model.slug)).toEqual(['probe-model']);
  });
});

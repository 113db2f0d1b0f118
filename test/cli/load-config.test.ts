import { chmodSync, mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadConfig } from '../../src/cli/load-config.js';
import { trustConfigFile } from '../../src/cli/project-config-trust.js';

function setup(files: { project?: unknown; user?: unknown; projectMode?: number; userMode?: number } = {}) {
  const base = mkdtempSync(join(tmpdir(), 'codex-ctx-config-'));
  const repoRoot = join(base, 'repo');
  const configHome = join(base, 'config');
  mkdirSync(repoRoot);
  mkdirSync(join(configHome, 'codex-ctx'), { recursive: true });
  const projectFile = join(repoRoot, '.codex-ctx.json');
  const userFile = join(configHome, 'codex-ctx', 'config.json');
  const write = (file: string, content: unknown, mode = 0o600) => {
    writeFileSync(file, typeof content === 'string' ? content : JSON.stringify(content));
    chmodSync(file, mode);
  };
  if (files.project !== undefined) write(projectFile, files.project, files.projectMode);
  if (files.user !== undefined) write(userFile, files.user, files.userMode);
  const env = { XDG_CONFIG_HOME: configHome, HOME: base };
  return { repoRoot, projectFile, userFile, env };
}

describe('loadConfig precedence', () => {
  it('takes each setting from the strongest layer: flags > env > project file > user file > defaults', async () => {
    const { repoRoot, env } = setup({
      user: { model: 'user-model', numCtx: 1000, contextBudget: 100, port: 4001, ollamaUrl: 'http://user:1' },
      project: { model: 'project-model', numCtx: 2000, contextBudget: 200 },
    });
    const config = await loadConfig({
      flags: { model: 'flag-model' },
      env: { ...env, CODEX_CTX_MODEL: 'env-model', CODEX_CTX_NUM_CTX: '3000' },
      cwd: repoRoot,
      repoRoot,
    });
    expect(config.model).toBe('flag-model');
    expect(config.modelSource).toBe('--model');
    expect(config.numCtx).toBe(3000); // env beats both files
    expect(config.contextBudget).toBe(200); // project beats user
    expect(config.port).toBe(4001); // only the user file says
    expect(config.ollamaUrl).toBe('http://user:1');
    expect(config.context).toBe(true); // default
    expect(config.logDir).toBe(join(repoRoot, 'docs', 'codex-ctx'));
  });

  it('names the env variable as the model source when no flag is given', async () => {
    const { repoRoot, env } = setup({ project: { model: 'project-model' } });
    const config = await loadConfig({ flags: {}, env: { ...env, CODEX_CTX_MODEL: 'env-model' }, cwd: repoRoot, repoRoot });
    expect(config).toMatchObject({ model: 'env-model', modelSource: 'CODEX_CTX_MODEL' });
  });

  it('accepts OLLAMA_HOST as host:port without a scheme, as Ollama does', async () => {
    const { repoRoot, env } = setup();
    const config = await loadConfig({ flags: {}, env: { ...env, OLLAMA_HOST: 'gpu-box:11500' }, cwd: repoRoot, repoRoot });
    expect(config.ollamaUrl).toBe('http://gpu-box:11500');
  });

  it('defaults Ollama to the local server when nothing is set', async () => {
    const { repoRoot, env } = setup();
    const config = await loadConfig({ flags: {}, env, cwd: repoRoot, repoRoot });
    expect(config.ollamaUrl).toBe('http://127.0.0.1:11434');
    expect(config.model).toBeUndefined();
  });

  it('takes the backend deadline in seconds from --backend-timeout, CODEX_CTX_BACKEND_TIMEOUT or backendTimeout (default 300)', async () => {
    const { repoRoot, env } = setup({ user: { backendTimeout: 600 } });
    expect((await loadConfig({ flags: {}, env: {}, cwd: repoRoot, repoRoot })).backendTimeout).toBe(300);
    expect((await loadConfig({ flags: {}, env, cwd: repoRoot, repoRoot })).backendTimeout).toBe(600);
    expect((await loadConfig({ flags: {}, env: { ...env, CODEX_CTX_BACKEND_TIMEOUT: '45' }, cwd: repoRoot, repoRoot })).backendTimeout).toBe(45);
    expect((await loadConfig({ flags: { backendTimeout: '90' }, env, cwd: repoRoot, repoRoot })).backendTimeout).toBe(90);
    await expect(loadConfig({ flags: {}, env: { ...env, CODEX_CTX_BACKEND_TIMEOUT: '0' }, cwd: repoRoot, repoRoot })).rejects.toThrow(
      'CODEX_CTX_BACKEND_TIMEOUT: expected a positive integer (seconds) (got 0)',
    );
  });

  it('treats --port 0 as "any free port"', async () => {
    const { repoRoot, env } = setup();
    expect((await loadConfig({ flags: { port: '0' }, env, cwd: repoRoot, repoRoot })).port).toBeUndefined();
  });

  it('lets --no-context and --no-log switch off what a file switched on', async () => {
    const { repoRoot, env } = setup({ project: { context: true, log: true } });
    const config = await loadConfig({ flags: { context: false, log: false }, env, cwd: repoRoot, repoRoot });
    expect(config).toMatchObject({ context: false, log: false });
  });

  it('reads boolean environment values such as CODEX_CTX_CONTEXT=0', async () => {
    const { repoRoot, env } = setup();
    const config = await loadConfig({ flags: {}, env: { ...env, CODEX_CTX_CONTEXT: '0', CODEX_CTX_VERBOSE: 'yes' }, cwd: repoRoot, repoRoot });
    expect(config).toMatchObject({ context: false, verbose: true });
  });

  it('rescues tool calls by default; toolRescue: false, CODEX_CTX_TOOL_RESCUE=0 or --no-tool-rescue turn it off', async () => {
    const plain = setup();
    expect((await loadConfig({ flags: {}, env: plain.env, cwd: plain.repoRoot, repoRoot: plain.repoRoot })).toolRescue).toBe(true);
    const fromFile = setup({ user: { toolRescue: false } });
    expect((await loadConfig({ flags: {}, env: fromFile.env, cwd: fromFile.repoRoot, repoRoot: fromFile.repoRoot })).toolRescue).toBe(false);
    const fromEnv = { ...plain.env, CODEX_CTX_TOOL_RESCUE: '0' };
    expect((await loadConfig({ flags: {}, env: fromEnv, cwd: plain.repoRoot, repoRoot: plain.repoRoot })).toolRescue).toBe(false);
    const onInFile = setup({ project: { toolRescue: true } });
    const flagged = await loadConfig({ flags: { toolRescue: false }, env: onInFile.env, cwd: onInFile.repoRoot, repoRoot: onInFile.repoRoot });
    expect(flagged.toolRescue).toBe(false);
  });

  it('merges bridge settings key by key across layers, token from SMARTGPT_TOKEN as an alias', async () => {
    const { repoRoot, env } = setup({ user: { bridge: { url: 'http://bridge:3210', dialect: 'v0' } } });
    const config = await loadConfig({
      flags: { 'bridge.dialect': 'v1' },
      env: { ...env, SMARTGPT_TOKEN: 'secret-token-value' },
      cwd: repoRoot,
      repoRoot,
    });
    expect(config.bridge).toEqual({ url: 'http://bridge:3210', dialect: 'v1', token: 'secret-token-value' });
  });

  it('prefers SMARTGPT_BRIDGE_TOKEN over its alias', async () => {
    const { repoRoot, env } = setup();
    const config = await loadConfig({
      flags: { 'bridge.url': 'http://bridge:3210' },
      env: { ...env, SMARTGPT_BRIDGE_TOKEN: 'primary-token', SMARTGPT_TOKEN: 'alias-token' },
      cwd: repoRoot,
      repoRoot,
    });
    expect(config.bridge?.token).toBe('primary-token');
  });

  it('resolves a relative logDir from a file against the repo root and from a flag against the cwd', async () => {
    const { repoRoot, env } = setup({ project: { logDir: 'notes/ai' } });
    expect((await loadConfig({ flags: {}, env, cwd: join(repoRoot, 'sub'), repoRoot })).logDir).toBe(join(repoRoot, 'notes', 'ai'));
    const fromFlag = await loadConfig({ flags: { logDir: 'here' }, env, cwd: join(repoRoot, 'sub'), repoRoot });
    expect(fromFlag.logDir).toBe(join(repoRoot, 'sub', 'here'));
  });
});

describe('loadConfig errors: one line naming where, which key and what is expected', () => {
  it('names the project file and key for a wrong type', async () => {
    const { repoRoot, projectFile, env } = setup({ project: { numCtx: 'lots' } });
    await expect(loadConfig({ flags: {}, env, cwd: repoRoot, repoRoot })).rejects.toThrow(
      `${projectFile}: numCtx: expected a positive integer (tokens) (got "lots")`,
    );
  });

  it('names a nested key and lists the allowed dialects', async () => {
    const { repoRoot, userFile, env } = setup({ user: { bridge: { url: 'http://b:1', dialect: 'v2' } } });
    await expect(loadConfig({ flags: {}, env, cwd: repoRoot, repoRoot })).rejects.toThrow(
      `${userFile}: bridge.dialect: expected one of root, v0, v1 (got "v2")`,
    );
  });

  it('rejects an unknown key (a typo would otherwise be ignored silently)', async () => {
    const { repoRoot, projectFile, env } = setup({ project: { modle: 'qwen3' } });
    await expect(loadConfig({ flags: {}, env, cwd: repoRoot, repoRoot })).rejects.toThrow(
      new RegExp(`^${projectFile}: unknown key "modle" \\(expected one of: model, ollamaUrl, `),
    );
  });

  it('says which file is not valid JSON', async () => {
    const { repoRoot, projectFile, env } = setup({ project: '{ "model": ' });
    await expect(loadConfig({ flags: {}, env, cwd: repoRoot, repoRoot })).rejects.toThrow(`${projectFile}: not valid JSON`);
  });

  it('names the environment variable for a bad value', async () => {
    const { repoRoot, env } = setup();
    await expect(
      loadConfig({ flags: {}, env: { ...env, CODEX_CTX_PORT: '70000' }, cwd: repoRoot, repoRoot }),
    ).rejects.toThrow('CODEX_CTX_PORT: expected a port number from 0 to 65535 (0 picks a free port) (got 70000)');
  });

  it('names the flag for a bad value', async () => {
    const { repoRoot, env } = setup();
    await expect(loadConfig({ flags: { numCtx: '8k' }, env, cwd: repoRoot, repoRoot })).rejects.toThrow(
      '--num-ctx: expected a positive integer (tokens) (got "8k")',
    );
    await expect(loadConfig({ flags: { 'bridge.url': 'bridge:3210' }, env, cwd: repoRoot, repoRoot })).rejects.toThrow(
      '--bridge-url: expected an http(s) URL such as http://127.0.0.1:3210 (got "bridge:3210")',
    );
  });

  it('produces a single line', async () => {
    const { repoRoot, env } = setup({ project: { port: -1 } });
    const error = await loadConfig({ flags: {}, env, cwd: repoRoot, repoRoot }).catch((caught: Error) => caught);
    expect((error as Error).message).not.toContain('\n');
  });
});

describe('bridge token in a config file', () => {
  it('refuses a token in a file other users can read, with the chmod fix', async () => {
    const { repoRoot, userFile, env } = setup({ user: { bridge: { url: 'http://b:1', token: 'super-secret-token' } }, userMode: 0o644 });
    const error = (await loadConfig({ flags: {}, env, cwd: repoRoot, repoRoot }).catch((caught: Error) => caught)) as Error;
    expect(error.message).toContain(`${userFile}: holds bridge.token but other users can read it`);
    expect(error.message).toContain(`chmod 600 ${userFile}`);
    expect(error.message).not.toContain('super-secret-token');
  });

  it('refuses a group-readable project file too', async () => {
    const { repoRoot, env, projectFile } = setup({ project: { bridge: { token: 'super-secret-token' } }, projectMode: 0o640 });
    await trustConfigFile(projectFile, env); // untrusted, the token would only be ignored
    await expect(loadConfig({ flags: {}, env, cwd: repoRoot, repoRoot })).rejects.toThrow(/chmod 600/);
  });

  it('accepts a token from a chmod 600 file', async () => {
    const { repoRoot, env } = setup({ user: { bridge: { url: 'http://b:1', token: 'super-secret-token' } }, userMode: 0o600 });
    const config = await loadConfig({ flags: {}, env, cwd: repoRoot, repoRoot });
    expect(config.bridge?.token).toBe('super-secret-token');
  });

  it('does not care about the mode of a readable file without a token', async () => {
    const { repoRoot, env } = setup({ project: { model: 'qwen3' }, projectMode: 0o644 });
    await expect(loadConfig({ flags: {}, env, cwd: repoRoot, repoRoot })).resolves.toMatchObject({ model: 'qwen3' });
  });
});

describe('backends and routes', () => {
  it('merges backends and routes across files, so a route may name a backend from another file', async () => {
    const { repoRoot, env } = setup({
      user: { backends: { lmstudio: { type: 'openai', url: 'http://127.0.0.1:1234/v1', contextWindow: 32768 } } },
      project: { routes: { 'qwen3-coder*': 'ollama', '*': 'lmstudio' } },
    });
    const config = await loadConfig({ flags: {}, env, cwd: repoRoot, repoRoot });
    expect(Object.keys(config.backends.backends ?? {})).toEqual(['lmstudio']);
    expect(config.backends.routes).toEqual({ 'qwen3-coder*': 'ollama', '*': 'lmstudio' });
  });

  it('stops with one line naming the file when a route names a backend nobody defined', async () => {
    const { repoRoot, env, projectFile } = setup({ project: { routes: { '*': 'nowhere' } } });
    await trustConfigFile(projectFile, env); // untrusted, the route would only be ignored
    const error = await loadConfig({ flags: {}, env, cwd: repoRoot, repoRoot }).catch((caught: Error) => caught);
    expect(String(error)).toMatch(new RegExp(`^UserFacingError: ${projectFile.replaceAll('.', '\\.')}: routes\\.\\*: no backend named "nowhere"`));
  });

  it('rejects a backend of an unknown type naming the file and key', async () => {
    const { repoRoot, env, projectFile } = setup({ project: { backends: { x: { type: 'vllm-magic', url: 'http://x' } } } });
    const error = await loadConfig({ flags: {}, env, cwd: repoRoot, repoRoot }).catch((caught: Error) => caught);
    expect((error as Error).message).toBe(`${projectFile}: backends.x.type: expected a backend type, "ollama" or "openai" (got "vllm-magic")`);
  });
});

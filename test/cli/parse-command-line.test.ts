import { describe, expect, it } from 'vitest';
import { parseCommandLine, type CommandLine } from '../../src/cli/parse-command-line.js';

async function launch(argv: string[]): Promise<Extract<CommandLine, { kind: 'launch' }>> {
  const parsed = await parseCommandLine(argv);
  if (parsed.kind !== 'launch') throw new Error(`expected launch, got ${JSON.stringify(parsed)}`);
  return parsed;
}

describe('arguments for Codex pass through untouched', () => {
  it.each([
    [['exec', 'fix the test']],
    [['resume', '--last']],
    [['exec', 'resume', '--last', 'and again']],
    [['"quoted" prompt with  two spaces and $HOME and `ticks`']],
    [['-s', 'workspace-write', '-a', 'never', 'exec', '--json', 'hi']],
    [['exec', '--', '--not-an-option']],
    [['-c', 'model_reasoning_effort="high"', 'exec', 'x']],
    [['login', 'status']],
    [['exec', '--help']],
  ])('%j', async (argv) => {
    expect((await launch(argv)).codexArgs).toEqual(argv);
  });

  it('stops reading our options at the first Codex argument, even one spelled like ours', async () => {
    const parsed = await launch(['-m', 'qwen3', 'exec', '-m', 'other', '--json', 'hi']);
    expect(parsed.flags).toEqual({ model: 'qwen3' });
    expect(parsed.json).toBe(false);
    expect(parsed.codexArgs).toEqual(['exec', '-m', 'other', '--json', 'hi']);
  });

  it('stops at the first option that is not ours and leaves the rest, --help included, to Codex', async () => {
    const parsed = await launch(['--no-context', '-s', 'read-only', '--port', '9', '--help']);
    expect(parsed.flags).toEqual({ context: false });
    expect(parsed.codexArgs).toEqual(['-s', 'read-only', '--port', '9', '--help']);
  });

  it('takes --no-tool-rescue as ours, for launch and serve', async () => {
    expect((await launch(['--no-tool-rescue', 'exec', 'hi'])).flags).toEqual({ toolRescue: false });
    const serve = await parseCommandLine(['serve', '--no-tool-rescue']);
    expect(serve.kind === 'serve' && serve.flags).toEqual({ toolRescue: false });
  });

  it('`--` ends our options, so `codex-ctx -- doctor` reaches Codex instead of our doctor', async () => {
    expect((await launch(['--', 'doctor'])).codexArgs).toEqual(['doctor']);
    const parsed = await launch(['-m', 'a', '--', '--model', 'b']);
    expect(parsed.flags).toEqual({ model: 'a' });
    expect(parsed.codexArgs).toEqual(['--model', 'b']);
  });

  it('reads our options in every spelling', async () => {
    const parsed = await launch([
      '-mqwen3',
      '--ollama-url=http://gpu:11434',
      '--bridge-url',
      'http://b:3210',
      '--bridge-dialect',
      'v1',
      '--context-budget',
      '2000',
      '--no-log',
      '--log-dir',
      'notes',
      '--codex-bin',
      '/opt/codex',
      '--port',
      '7000',
      '--num-ctx',
      '16384',
      '--codex-prompt',
      '--verbose',
      'hi',
    ]);
    expect(parsed.flags).toEqual({
      model: 'qwen3',
      ollamaUrl: 'http://gpu:11434',
      'bridge.url': 'http://b:3210',
      'bridge.dialect': 'v1',
      contextBudget: '2000',
      log: false,
      logDir: 'notes',
      codexBin: '/opt/codex',
      port: '7000',
      numCtx: '16384',
      codexPrompt: true,
      verbose: true,
    });
    expect(parsed.codexArgs).toEqual(['hi']);
  });

  it('reports only flags the user typed, so env and files are not shadowed by defaults', async () => {
    expect((await launch([])).flags).toEqual({});
  });

  it('--dry-run takes the question from the arguments', async () => {
    const parsed = await launch(['--dry-run', '--json', 'how does auth work?']);
    expect(parsed).toMatchObject({ dryRun: true, json: true, codexArgs: ['how does auth work?'] });
  });
});

describe('our subcommands', () => {
  it('dispatches serve, doctor, log validate and log list with their options', async () => {
    expect(await parseCommandLine(['serve', '--port', '8080'])).toEqual({ kind: 'serve', flags: { port: '8080' }, auth: true });
    expect(await parseCommandLine(['serve', '--api-key', 'sk-x', '--backend-timeout', '60'])).toEqual({
      kind: 'serve',
      flags: { backendTimeout: '60' },
      apiKey: 'sk-x',
      auth: true,
    });
    expect(await parseCommandLine(['serve', '--no-auth'])).toEqual({ kind: 'serve', flags: {}, auth: false });
    expect(await parseCommandLine(['--verbose', 'doctor', '-m', 'qwen3', '--json'])).toEqual({
      kind: 'doctor',
      flags: { verbose: true, model: 'qwen3' },
      json: true,
    });
    expect(await parseCommandLine(['log', 'validate', 'docs/notes'])).toEqual({
      kind: 'log-validate',
      flags: {},
      dir: 'docs/notes',
      json: false,
    });
    expect(await parseCommandLine(['log', 'list', '--log-dir', 'x', '--json'])).toEqual({
      kind: 'log-list',
      flags: { logDir: 'x' },
      json: true,
    });
  });

  it('are ours only in first position: `exec serve` is a Codex prompt', async () => {
    expect((await launch(['exec', 'serve'])).codexArgs).toEqual(['exec', 'serve']);
  });

  it('reports an unknown option of our own subcommand as a usage error', async () => {
    expect(await parseCommandLine(['doctor', '--bogus'])).toMatchObject({ kind: 'exit', exitCode: 1, stderr: expect.stringContaining("unknown option '--bogus'") });
  });
});

describe('--help', () => {
  it('shows our options and explains how the rest reaches Codex', async () => {
    for (const flag of ['--help', '-h']) {
      const parsed = await parseCommandLine([flag]);
      expect(parsed).toMatchObject({ kind: 'exit', exitCode: 0 });
      const text = parsed.kind === 'exit' ? parsed.stdout : '';
      expect(text).toContain('--ollama-url <url>');
      expect(text).toContain('--no-context');
      expect(text).toMatch(/serve/);
      expect(text).toMatch(/doctor/);
      expect(text).toContain('codex-ctx exec "fix the test"');
      expect(text).toContain('codex-ctx -- doctor');
    }
  });
});

describe('help and version of our own commands', () => {
  it.each([[['doctor', '--help']], [['log', 'validate', '--help']], [['serve', '-h']]])('%j prints help and nothing on stderr', async (argv) => {
    const parsed = await parseCommandLine(argv);
    expect(parsed).toMatchObject({ kind: 'exit', exitCode: 0, stderr: '' });
    expect(parsed.kind === 'exit' ? parsed.stdout : '').toContain('Usage: codex-ctx');
  });

  it('--version is ours before any Codex argument, and Codex’s after one', async () => {
    expect(await parseCommandLine(['--version'])).toEqual({ kind: 'version', flags: {} });
    expect(await parseCommandLine(['--codex-bin', '/x/codex', '-V'])).toEqual({ kind: 'version', flags: { codexBin: '/x/codex' } });
    expect((await launch(['exec', '--version'])).codexArgs).toEqual(['exec', '--version']);
  });
});

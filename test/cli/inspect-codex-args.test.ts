import { describe, expect, it } from 'vitest';
import { inspectCodexArgs } from '../../src/cli/inspect-codex-args.js';

describe('inspectCodexArgs', () => {
  it.each([
    [[], true],
    [['fix the test'], true],
    [['exec', 'hi'], true],
    [['resume', '--last'], true],
    [['-s', 'workspace-write', 'review'], true],
    [['login'], false],
    [['-c', 'x=1', 'mcp', 'list'], false],
    [['completion', 'bash'], false],
    [['--version'], false],
    [['exec', '--help'], false],
  ])('%j needs the proxy: %s', (args, needsModel) => {
    expect(inspectCodexArgs(args).needsModel).toBe(needsModel);
  });

  it('does not mistake an option value for a subcommand', () => {
    // `-C login` is a directory named "login", not Codex's login command.
    expect(inspectCodexArgs(['-C', 'login', 'hi'])).toMatchObject({ needsModel: true, workdir: 'login', subcommand: undefined });
    // Value options Codex 0.171 added: their values are not prompts either.
    expect(inspectCodexArgs(['exec', '--thread-source', 'cli', 'fix it']).positionals).toEqual(['fix it']);
  });

  it.each([
    [['-m', 'qwen3:8b', 'hi']],
    [['exec', '--model', 'qwen3:8b', 'hi']],
    [['--model=qwen3:8b']],
    [['-mqwen3:8b']],
    [['-c', 'model="qwen3:8b"']],
    [['exec', '--config', "model='qwen3:8b'", 'hi']],
  ])('finds the model Codex would use in %j', (args) => {
    expect(inspectCodexArgs(args).model).toBe('qwen3:8b');
  });

  it('drops provider choices (ours must win) and keeps everything else in order', () => {
    const info = inspectCodexArgs(['-c', 'model_provider=openai', '--oss', '--local-provider', 'lmstudio', 'exec', '-c', 'x=1', 'hi']);
    expect(info.args).toEqual(['exec', '-c', 'x=1', 'hi']);
    expect(info.droppedProviderArgs).toEqual(['-c model_provider=openai', '--oss', '--local-provider lmstudio']);
  });

  it('leaves everything after `--` alone', () => {
    const info = inspectCodexArgs(['exec', '--', '--oss', '-m', 'x']);
    expect(info.args).toEqual(['exec', '--', '--oss', '-m', 'x']);
    expect(info.model).toBeUndefined();
  });

  it('lists the positionals after the subcommand (the prompt is the last)', () => {
    expect(inspectCodexArgs(['exec', '-s', 'read-only', 'fix the test']).positionals).toEqual(['fix the test']);
    expect(inspectCodexArgs(['how does auth work']).positionals).toEqual(['how does auth work']);
  });
});

import { describe, expect, it } from 'vitest';
import { createTerminalOutput } from '../../src/cli/terminal-output.js';

function capture(isTTY = false) {
  const stream = { text: '', isTTY, write(text: string) { this.text += text; } };
  return stream;
}

describe('terminal output', () => {
  it('puts data on stdout and messages on stderr, one line each', () => {
    const stdout = capture();
    const stderr = capture();
    const output = createTerminalOutput({ stdout, stderr });
    output.data('http://127.0.0.1:1/v1');
    output.error('model x is not in Ollama; run: ollama pull x');
    output.warn('bridge not reachable');
    expect(stdout.text).toBe('http://127.0.0.1:1/v1\n');
    expect(stderr.text).toBe('codex-ctx: model x is not in Ollama; run: ollama pull x\ncodex-ctx: warning: bridge not reachable\n');
  });

  it('says nothing while Codex owns the terminal, then delivers in order', () => {
    const stdout = capture();
    const stderr = capture();
    const output = createTerminalOutput({ stdout, stderr });
    const release = output.hold();
    output.error('late problem');
    output.data('late data');
    expect(stderr.text + stdout.text).toBe('');
    release();
    expect(stderr.text).toBe('codex-ctx: late problem\n');
    expect(stdout.text).toBe('late data\n');
  });

  it('colours only a terminal, and never with NO_COLOR', () => {
    const coloured = capture(true);
    createTerminalOutput({ stdout: capture(), stderr: coloured, env: {} }).error('red');
    expect(coloured.text).toContain('\u001b[31m');
    const tty = capture(true);
    createTerminalOutput({ stdout: capture(), stderr: tty, env: { NO_COLOR: '1' } }).error('plain');
    expect(tty.text).toBe('codex-ctx: plain\n');
    const pipe = capture(false);
    createTerminalOutput({ stdout: capture(), stderr: pipe }).error('plain');
    expect(pipe.text).toBe('codex-ctx: plain\n');
  });

  it('shows no spinner when stderr is not a terminal', () => {
    const stderr = capture(false);
    const spinner = createTerminalOutput({ stdout: capture(), stderr }).spinner('Checking Ollama');
    spinner.update('Checking model');
    spinner.stop();
    expect(stderr.text).toBe('');
  });
});

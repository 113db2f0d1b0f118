import { existsSync, mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { setTimeout as sleep } from 'node:timers/promises';
import { execa, type ResultPromise } from 'execa';
import { afterEach, describe, expect, it } from 'vitest';
import { launchCodex } from '../../src/cli/launch-codex.js';

const FAKE_CODEX = fileURLToPath(new URL('../support/fake-codex.mjs', import.meta.url));
const RUNNER = fileURLToPath(new URL('./fixtures/run-launch-codex.ts', import.meta.url));
const ROOT = fileURLToPath(new URL('../..', import.meta.url));

interface FakeRecord {
  argv: string[];
  env: Record<string, string>;
  pid: number;
  signals: string[];
  ready?: boolean;
}

function outputFile(): string {
  return join(mkdtempSync(join(tmpdir(), 'fake-codex-')), 'record.json');
}

function readRecord(file: string): FakeRecord {
  return JSON.parse(readFileSync(file, 'utf8')) as FakeRecord;
}

async function waitFor<T>(read: () => T | undefined, timeoutMs = 10_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    try {
      const value = read();
      if (value !== undefined) return value;
    } catch {
      // file half-written; try again
    }
    if (Date.now() > deadline) throw new Error('timed out');
    await sleep(25);
  }
}

const fake = { file: process.execPath, prefixArgs: [FAKE_CODEX], origin: 'test', display: 'fake-codex' };

describe('launchCodex (in process)', () => {
  it('passes argv as an array: quotes, spaces, globs and shell syntax arrive unchanged', async () => {
    const file = outputFile();
    const args = ['exec', 'fix "the" test', "it's", '*.ts', '$HOME', 'a;b', '--', '-x'];
    const run = await launchCodex({ command: fake, args, env: { ...process.env, FAKE_CODEX_OUTPUT: file }, cwd: tmpdir() });
    expect(run.exitCode).toBe(0);
    expect(readRecord(file).argv).toEqual(args);
  });

  it('mirrors the exit code', async () => {
    const run = await launchCodex({ command: fake, args: [], env: { ...process.env, FAKE_CODEX_EXIT: '3' }, cwd: tmpdir() });
    expect(run.exitCode).toBe(3);
  });

  it('returns 128 + signal number when Codex dies by a signal', async () => {
    const run = await launchCodex({ command: fake, args: [], env: { ...process.env, FAKE_CODEX_SIGNAL: 'SIGTERM' }, cwd: tmpdir() });
    expect(run.exitCode).toBe(143);
    const killed = await launchCodex({ command: fake, args: [], env: { ...process.env, FAKE_CODEX_SIGNAL: 'SIGKILL' }, cwd: tmpdir() });
    expect(killed.exitCode).toBe(137);
  });

  it('reports a missing binary instead of throwing', async () => {
    const run = await launchCodex({
      command: { file: '/nonexistent/codex', prefixArgs: [], origin: 'test', display: '/nonexistent/codex' },
      args: [],
      env: process.env,
      cwd: tmpdir(),
    });
    expect(run.exitCode).toBe(127);
    expect(run.startError).toContain('/nonexistent/codex');
  });

  it('removes its signal handlers afterwards', async () => {
    const before = ['SIGINT', 'SIGTERM', 'SIGHUP', 'SIGQUIT'].map((signal) => process.listenerCount(signal));
    await launchCodex({ command: fake, args: [], env: process.env, cwd: tmpdir() });
    expect(['SIGINT', 'SIGTERM', 'SIGHUP', 'SIGQUIT'].map((signal) => process.listenerCount(signal))).toEqual(before);
  });
});

describe('signals (codex-ctx in its own process)', () => {
  const fakePids: number[] = [];
  afterEach(() => {
    // A failed test must not leave a waiting fake Codex behind.
    for (const pid of fakePids.splice(0)) {
      try {
        process.kill(pid, 'SIGKILL');
      } catch {
        // already gone
      }
    }
  });

  async function waitUntilReady(file: string): Promise<void> {
    const record = await waitFor(() => (existsSync(file) && readRecord(file).ready ? readRecord(file) : undefined));
    fakePids.push(record.pid);
  }

  function start(file: string): ResultPromise<{ reject: false }> {
    return execa(process.execPath, ['--import', 'tsx', RUNNER, 'exec', 'hi'], {
      cwd: ROOT,
      env: { ...process.env, FAKE_CODEX_OUTPUT: file, FAKE_CODEX_WAIT: '1' },
      reject: false,
    });
  }

  it('forwards SIGTERM to Codex and exits 143 when Codex dies of it', async () => {
    const file = outputFile();
    const child = start(file);
    await waitUntilReady(file);
    child.kill('SIGTERM');
    const result = await child;
    expect(readRecord(file).signals).toEqual(['SIGTERM']);
    expect(result.exitCode).toBe(143);
  });

  it('forwards SIGHUP', async () => {
    const file = outputFile();
    const child = start(file);
    await waitUntilReady(file);
    child.kill('SIGHUP');
    const result = await child;
    expect(readRecord(file).signals).toEqual(['SIGHUP']);
    expect(result.exitCode).toBe(129);
  });

  it('survives a SIGINT aimed at itself and does not pass it on (the terminal already signalled Codex)', async () => {
    const file = outputFile();
    const child = start(file);
    await waitUntilReady(file);
    child.kill('SIGINT');
    await sleep(300);
    expect(child.exitCode).toBeNull();
    expect(child.signalCode).toBeNull();
    expect(readRecord(file).signals).toEqual([]);
    child.kill('SIGTERM');
    const result = await child;
    expect(result.exitCode).toBe(143);
  });
});

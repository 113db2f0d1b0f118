import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { connect } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { setTimeout as sleep } from 'node:timers/promises';
import getPort from 'get-port';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { echoScript, startFakeOllama, type FakeOllama } from '../support/fake-ollama.js';
import { TmuxSession } from '../support/tmux-session.js';

/**
 * `codex-ctx` opening the real Codex TUI in a terminal: a prompt typed, the answer on screen, two
 * Ctrl+C to quit (the TUI reads them as keys), Codex's exit code mirrored, nothing left behind.
 */
const BIN = fileURLToPath(new URL('../../bin/codex-ctx', import.meta.url));

let ollama: FakeOllama;
let tmux: TmuxSession;
let work: string;

beforeAll(async () => {
  ollama = await startFakeOllama({ script: echoScript({ reply: 'TUI-ANSWER-OK from the local model' }) });
  work = mkdtempSync(join(tmpdir(), 'codex-ctx-tui-'));
  for (const dir of ['home', 'state', 'repo']) mkdirSync(join(work, dir));
  const repo = join(work, 'repo');
  writeFileSync(join(repo, 'README.md'), '# demo\n');
  execFileSync('git', ['init', '-q'], { cwd: repo });
  tmux = new TmuxSession();
});

afterAll(async () => {
  tmux?.kill();
  await ollama?.close();
});

it('runs the Codex TUI through the proxy and exits cleanly on two Ctrl+C', async () => {
  const port = await getPort({ host: '127.0.0.1' });
  const exitFile = join(work, 'exit-code');
  const env = [
    `CODEX_HOME=${join(work, 'home')}`,
    `XDG_STATE_HOME=${join(work, 'state')}`,
    `OLLAMA_HOST=${ollama.url}`,
  ].join(' ');
  tmux.start(`cd ${join(work, 'repo')} && env ${env} node ${BIN} -m qwen3 --port ${port} --log-dir ${join(work, 'notes')}; echo $? > ${exitFile}; sleep 30`);

  // A fresh CODEX_HOME asks whether to trust the folder first; the dialog may ignore keys sent
  // while it is still drawing, so answer until it is gone.
  await tmux.waitFor(/Trust this folder|qwen3 \(codex-ctx\)/);
  for (let attempt = 0; attempt < 20 && /Trust this folder/.test(tmux.screen()); attempt++) {
    tmux.press('Enter');
    await sleep(500);
  }
  // The footer names the model and our provider: Codex is talking to the proxy.
  await tmux.waitFor(/qwen3 \(codex-ctx\)/);

  // Type, see the text in the composer, then Enter on its own (sent together, the TUI takes a paste).
  for (let attempt = 0; attempt < 10 && !/say hello from the terminal/.test(tmux.screen()); attempt++) {
    await sleep(500);
    if (!/say hello from the terminal/.test(tmux.screen())) tmux.type('say hello from the terminal');
  }
  await tmux.waitFor(/say hello from the terminal/, 5_000);
  await sleep(300);
  tmux.press('Enter');
  await tmux.waitFor(/TUI-ANSWER-OK from the local model/);
  const asked = ollama.chatRequests().map((request) => JSON.stringify(request.body.messages));
  expect(asked.some((messages) => messages.includes('say hello from the terminal'))).toBe(true);

  // The TUI reads Ctrl+C as keys: the first may already quit (empty composer), or arm "again to quit".
  tmux.press('C-c');
  await sleep(500);
  if (!existsSync(exitFile)) tmux.press('C-c');
  const deadline = Date.now() + 15_000;
  while (!existsSync(exitFile) && Date.now() < deadline) await sleep(200);
  expect(readFileSync(exitFile, 'utf8').trim()).toBe('0');
  // Once Codex let go of the terminal: how to resume on the local model, not Codex's `codex resume`.
  // (the pane stays open after exit: `sleep 30` in the command; afterAll kills the session)
  await tmux.waitFor(/codex-ctx: resume/, 5_000);
  expect(tmux.screen()).toMatch(/codex-ctx: resume this session on the local model with: codex-ctx resume [0-9a-f-]{36} \(or codex-ctx resume --last\)/);

  // The proxy is closed and no Codex process that was pointed at it survives.
  await expect(canConnect(port)).resolves.toBe(false);
  expect(processesMentioning(`127.0.0.1:${port}`)).toEqual([]);
});

function canConnect(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = connect({ host: '127.0.0.1', port });
    socket.once('connect', () => {
      socket.destroy();
      resolve(true);
    });
    socket.once('error', () => resolve(false));
  });
}

function processesMentioning(text: string): string[] {
  const listing = execFileSync('ps', ['-eo', 'pid=,args='], { encoding: 'utf8' });
  return listing
    .split('\n')
    .filter((line) => line.includes(text) && !line.includes('ps -eo'))
    .map((line) => line.trim());
}

import { execFileSync } from 'node:child_process';
import { setTimeout as sleep } from 'node:timers/promises';

/**
 * A program in a real terminal, driven like a person would: tmux on its own socket, keys sent with
 * send-keys, the screen read with capture-pane.
 */
export class TmuxSession {
  readonly socket = `codex-ctx-test-${process.pid}-${Date.now()}`;
  readonly name = 'main';

  start(command: string, options: { width?: number; height?: number } = {}): void {
    this.#tmux('new-session', '-d', '-s', this.name, '-x', String(options.width ?? 160), '-y', String(options.height ?? 40), command);
  }

  /** Literal text (so the TUI does not read it as a paste of keys), then keys on their own. */
  type(text: string): void {
    this.#tmux('send-keys', '-t', this.name, '-l', text);
  }

  /** Keys to the program; a no-op once the program (and so the session) has ended. */
  press(...keys: string[]): void {
    try {
      this.#tmux('send-keys', '-t', this.name, ...keys);
    } catch (error) {
      if (!/no server running|can't find session/.test(String((error as { stderr?: unknown }).stderr ?? error))) throw error;
    }
  }

  screen(): string {
    try {
      return this.#tmux('capture-pane', '-p', '-t', this.name);
    } catch {
      return '';
    }
  }

  async waitFor(pattern: RegExp, timeoutMs = 20_000): Promise<string> {
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      const screen = this.screen();
      if (pattern.test(screen)) return screen;
      if (Date.now() > deadline) throw new Error(`timed out waiting for ${pattern} on screen:\n${screen}`);
      await sleep(200);
    }
  }

  kill(): void {
    try {
      this.#tmux('kill-server');
    } catch {
      // already gone
    }
  }

  #tmux(...args: string[]): string {
    return execFileSync('tmux', ['-L', this.socket, ...args], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] });
  }
}

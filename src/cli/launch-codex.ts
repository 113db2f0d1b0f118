import { constants } from 'node:os';
import { execa } from 'execa';
import type { CodexCommand } from './resolve-codex-bin.js';

/**
 * Runs Codex in the foreground and hands it the terminal: inherited stdio, same process group, an argv
 * array (never a shell, so quotes and spaces reach Codex exactly as typed).
 *
 * Signals: Ctrl+C already reaches Codex because the terminal signals the whole foreground group; we
 * ignore SIGINT/SIGQUIT so codex-ctx neither dies (taking the proxy with it) nor sends Codex a second one.
 * SIGTERM/SIGHUP are aimed at us alone (kill, closing the terminal window), so we pass them on.
 */
const IGNORED_SIGNALS = ['SIGINT', 'SIGQUIT'] as const;
const FORWARDED_SIGNALS = ['SIGTERM', 'SIGHUP'] as const;

export interface CodexRun {
  /** Codex's exit code, or 128 + signal number when a signal ended it (shell convention). */
  exitCode: number;
  /** Set when Codex could not be started at all (missing binary, not executable). */
  startError?: string | undefined;
}

export async function launchCodex(options: {
  command: CodexCommand;
  args: readonly string[];
  env: Record<string, string | undefined>;
  cwd: string;
}): Promise<CodexRun> {
  const subprocess = execa(options.command.file, [...options.command.prefixArgs, ...options.args], {
    stdio: 'inherit',
    reject: false,
    shell: false,
    cwd: options.cwd,
    env: options.env,
    extendEnv: false,
    // Codex decides how long its own shutdown takes; execa would otherwise SIGKILL it after 5 s.
    forceKillAfterDelay: false,
  });

  const ignore = () => {};
  const forward = (signal: NodeJS.Signals) => () => {
    subprocess.kill(signal);
  };
  const forwarders = FORWARDED_SIGNALS.map((signal) => [signal, forward(signal)] as const);
  for (const signal of IGNORED_SIGNALS) process.on(signal, ignore);
  for (const [signal, handler] of forwarders) process.on(signal, handler);

  try {
    const result = await subprocess;
    if (result.signal) return { exitCode: 128 + (constants.signals[result.signal] ?? 0) };
    if (result.exitCode === undefined) {
      const cause = (result.cause as NodeJS.ErrnoException | undefined)?.code ?? result.shortMessage;
      return { exitCode: 127, startError: `cannot start Codex (${options.command.display}): ${cause}` };
    }
    return { exitCode: result.exitCode };
  } finally {
    for (const signal of IGNORED_SIGNALS) process.off(signal, ignore);
    for (const [signal, handler] of forwarders) process.off(signal, handler);
  }
}

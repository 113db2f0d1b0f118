import { mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { proxyLogPath } from './default-paths.js';

/**
 * A note-write failure during a launch is said once Codex gives the terminal back. If the session never
 * gets there (killed), the line waits in the state dir and the next launch says it before Codex starts.
 */
type Environment = Record<string, string | undefined>;

function problemFile(env: Environment): string {
  return join(dirname(proxyLogPath(env)), 'notes-problem.txt');
}

export function rememberNotesProblem(env: Environment, line: string): void {
  try {
    mkdirSync(dirname(problemFile(env)), { recursive: true, mode: 0o700 });
    writeFileSync(problemFile(env), line, { mode: 0o600 });
  } catch {
    // Only a fallback for a killed session: the line is still said when Codex exits.
  }
}

/** The line left by an earlier session, removed as it is taken (said once). */
export function takeNotesProblem(env: Environment): string | undefined {
  try {
    const line = readFileSync(problemFile(env), 'utf8').trim();
    rmSync(problemFile(env), { force: true });
    return line || undefined;
  } catch {
    return undefined;
  }
}

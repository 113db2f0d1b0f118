import { open, readdir, realpath, stat } from 'node:fs/promises';
import { join } from 'node:path';
import { PROVIDER_ID } from './build-codex-args.js';

/**
 * The session a Codex run just wrote, read from Codex's own rollout files
 * (`$CODEX_HOME/sessions/YYYY/MM/DD/rollout-<time>-<id>.jsonl`, first line `session_meta`), so that
 * codex-ctx can say how to resume it through codex-ctx: Codex's own hint (`codex resume <id>`) would
 * resume it against OpenAI, not the local model. Reading files beats parsing Codex's terminal output,
 * which belongs to Codex (and is a TUI).
 */
export interface CodexSession {
  id: string;
  /** `exec` for `codex exec` sessions (resumed with `exec resume`), else the TUI's. */
  source: string;
}

export async function findCodexSession(options: {
  env: Record<string, string | undefined>;
  /** Only files written since the launch (ms since the epoch). */
  since: number;
  cwd: string;
}): Promise<CodexSession | undefined> {
  const home = options.env.CODEX_HOME || join(options.env.HOME ?? '', '.codex');
  const days = await newestDayDirectories(join(home, 'sessions'));
  const candidates: Array<{ path: string; mtime: number }> = [];
  for (const day of days) {
    for (const name of await readdir(day).catch(() => [])) {
      if (!name.startsWith('rollout-') || !name.endsWith('.jsonl')) continue;
      const path = join(day, name);
      const mtime = (await stat(path).catch(() => undefined))?.mtimeMs ?? 0;
      if (mtime >= options.since) candidates.push({ path, mtime });
    }
  }
  candidates.sort((a, b) => b.mtime - a.mtime);
  // Codex records the resolved directory (no symlinks, e.g. macOS /tmp → /private/tmp).
  const cwd = await realpath(options.cwd).catch(() => options.cwd);
  for (const candidate of candidates) {
    const meta = await readSessionMeta(candidate.path);
    // Another Codex in the same repository at the same time writes its own file: ours names our provider.
    if (meta?.model_provider === PROVIDER_ID && meta.cwd === cwd && typeof meta.id === 'string') {
      return { id: meta.id, source: typeof meta.source === 'string' ? meta.source : 'cli' };
    }
  }
  return undefined;
}

/** The last two day folders: a session that started before midnight is written to yesterday's. */
async function newestDayDirectories(root: string): Promise<string[]> {
  const newest = async (dir: string, depth: number): Promise<string[]> => {
    if (depth === 0) return [dir];
    const names = (await readdir(dir).catch(() => [])).filter((name) => /^\d+$/.test(name)).sort().reverse();
    const found: string[] = [];
    for (const name of names) {
      found.push(...(await newest(join(dir, name), depth - 1)));
      if (found.length >= 2) break;
    }
    return found.slice(0, 2);
  };
  return newest(root, 3);
}

interface SessionMeta {
  id?: unknown;
  cwd?: unknown;
  source?: unknown;
  model_provider?: unknown;
}

async function readSessionMeta(path: string): Promise<SessionMeta | undefined> {
  const file = await open(path, 'r').catch(() => undefined);
  if (!file) return undefined;
  try {
    // The first line holds the meta, base instructions included: a few KB, rarely more than 64.
    const buffer = Buffer.alloc(256 * 1024);
    const { bytesRead } = await file.read(buffer, 0, buffer.length, 0);
    const text = buffer.subarray(0, bytesRead).toString('utf8');
    const line = JSON.parse(text.slice(0, text.indexOf('\n') >>> 0)) as { type?: string; payload?: SessionMeta };
    return line.type === 'session_meta' ? line.payload : undefined;
  } catch {
    return undefined;
  } finally {
    await file.close();
  }
}

/** The one line codex-ctx prints after Codex exits. */
export function formatResumeHint(session: CodexSession): string {
  return session.source === 'exec'
    ? `codex-ctx: continue this session on the local model with: codex-ctx exec resume ${session.id} "<next prompt>"`
    : `codex-ctx: resume this session on the local model with: codex-ctx resume ${session.id} (or codex-ctx resume --last)`;
}

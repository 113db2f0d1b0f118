import { randomBytes } from 'node:crypto';
import { join, resolve } from 'node:path';
import { escapeControlCharacters } from '../log/escape-control-characters.js';
import { createSecretRedactor } from '../log/redact-secrets.js';
import { silentLogger, type Logger } from '../log/logger.js';
import { createNoteWriteQueue } from './create-note-write-queue.js';
import { noteName, type NoteKind } from './note-name.js';
import { renderSessionHubNote } from './render-session-hub-note.js';
import { renderTurnNote } from './render-turn-note.js';
import { sanitizeTurnRecord } from './sanitize-turn-record.js';
import type { SessionRecorder, TurnRecord } from './session-recorder.js';
import { summarizeTurn } from './summarize-turn.js';

export interface SessionRecorderOptions {
  /** Folder of the notes; relative paths are taken from `repoRoot`. */
  logDir: string;
  repoRoot: string;
  sessionId?: string;
  model: string;
  backend: string;
  startedAt?: Date;
  /** Exact values never to write (bridge token, proxy API key); secret-shaped strings are redacted anyway. */
  secrets?: string[];
  logger?: Logger;
  /** Called once, with the first write error. */
  onError?: (error: Error) => void;
  now?: () => Date;
  /** Short ids for note names; default 6 random hex chars. */
  generateId?: () => string;
}

/**
 * The Obsidian session log. What the CLI must do:
 * - normal shutdown and SIGINT/SIGTERM handlers: `await recorder.close()` (flushes everything);
 * - `process.on('exit', () => recorder.flushSync())` for paths that cannot await (uncaught exceptions,
 *   `process.exit`): it writes every pending note synchronously. The recorder installs no handlers itself.
 *
 * Disk errors: the first one is reported through `logger.error` and `onError`; later ones are silent.
 * Later writes are still attempted: each new turn (and `close`) also retries every note whose last write
 * failed, and since notes are rewritten whole from memory, nothing is lost once the disk recovers.
 */
export interface NotesSessionRecorder extends SessionRecorder {
  readonly sessionId: string;
  /** Absolute path of the session's hub note (written with the first turn). */
  readonly hubFile: string;
  /** Synchronous emergency flush for `process.on('exit')`. */
  flushSync(): void;
}

interface TurnState {
  name: string;
  shortId: string;
  /** Raw records are sanitized lazily (off the hot path) and then dropped. */
  entries: Array<{ raw?: TurnRecord; clean?: TurnRecord }>;
}

export function createSessionRecorder(options: SessionRecorderOptions): NotesSessionRecorder {
  const logger = options.logger ?? silentLogger;
  const now = options.now ?? (() => new Date());
  const generateId = options.generateId ?? (() => randomBytes(3).toString('hex'));
  const redact = createSecretRedactor(options.secrets ?? []);
  const dir = resolve(options.repoRoot, options.logDir);
  const repoRoot = resolve(options.repoRoot);

  let reported = false;
  const report = (error: Error) => {
    if (reported) return;
    reported = true;
    logger.error('session notes: write failed; later failures are not reported', { dir, error: error.message });
    try {
      options.onError?.(error);
    } catch {
      // A faulty callback must not break the session either.
    }
  };
  const queue = createNoteWriteQueue({ dir, report });

  const usedNames = new Set<string>();
  const uniqueName = (kind: NoteKind, at: Date) => {
    for (let attempt = 0; ; attempt++) {
      const base = generateId().toLowerCase().replace(/[^a-z0-9]/g, '').slice(0, 12) || 'note';
      // Random ids make a repeat unlikely; an injected or unlucky generator gets a counter.
      const shortId = attempt < 4 ? base : `${base}-${attempt}`;
      const name = noteName(kind, at, shortId);
      if (!usedNames.has(name)) {
        usedNames.add(name);
        return { name, shortId };
      }
    }
  };

  const startedAt = options.startedAt ?? now();
  const hub = uniqueName('session', startedAt);
  const sessionId = options.sessionId ?? hub.shortId;
  const turnsByKey = new Map<string, TurnState>();
  const turns: TurnState[] = [];
  let closed = false;
  let warnedClosed = false;

  const cleanRecords = (turn: TurnState): TurnRecord[] => {
    let previous: TurnRecord | undefined;
    return turn.entries.map((entry) => {
      if (entry.raw) {
        const clean = sanitizeTurnRecord(entry.raw, redact);
        // A turn's requests carry the same context: keep one copy in memory, not one per tool round trip.
        if (clean.context && previous?.context?.block === clean.context.block) clean.context = previous.context;
        entry.clean = clean;
        delete entry.raw;
      }
      previous = entry.clean;
      return entry.clean!;
    });
  };

  const renderTurn = (turn: TurnState) =>
    renderTurnNote({
      name: turn.name,
      shortId: turn.shortId,
      session: { name: hub.name, shortId: hub.shortId },
      records: cleanRecords(turn),
      noteDir: dir,
      repoRoot,
    });

  const renderHub = () =>
    renderSessionHubNote({
      name: hub.name,
      shortId: hub.shortId,
      sessionId: escapeControlCharacters(redact(sessionId)),
      startedAt,
      model: escapeControlCharacters(redact(options.model)),
      backend: escapeControlCharacters(redact(options.backend)),
      turns: turns.map((turn) => ({ name: turn.name, summary: summarizeTurn(cleanRecords(turn)) })),
    });

  return {
    sessionId,
    hubFile: join(dir, `${hub.name}.md`),

    recordTurn(record) {
      try {
        if (closed) {
          if (!warnedClosed) logger.warn('session notes: turn recorded after close was dropped', { requestId: record.requestId });
          warnedClosed = true;
          return;
        }
        // Requests of one Codex turn (its tool round trips) share a note; others get their own.
        const key = record.turnId ? `turn:${record.turnId}` : `request:${record.requestId}`;
        let turn = turnsByKey.get(key);
        if (!turn) {
          const at = Number.isNaN(record.startedAt.getTime()) ? now() : record.startedAt;
          const { name, shortId } = uniqueName('turn', at);
          turn = { name, shortId, entries: [] };
          turnsByKey.set(key, turn);
          turns.push(turn);
        }
        turn.entries.push({ raw: { ...record, toolCalls: [...record.toolCalls] } });
        const target = turn;
        queue.update(target.name, () => renderTurn(target));
        queue.update(hub.name, renderHub);
      } catch (error) {
        report(error instanceof Error ? error : new Error(String(error)));
      }
    },

    flush: () => queue.flush(),

    flushSync: () => queue.flushSync(),

    async close() {
      closed = true;
      await queue.retryAndFlush();
    },
  };
}

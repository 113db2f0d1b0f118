import { mkdirSync, renameSync, unlinkSync, writeFileSync } from 'node:fs';
import { mkdir, unlink, writeFile } from 'node:fs/promises';
import { join } from 'node:path';

/**
 * Writes notes off the hot path. Each note has a small serial queue: `update` only marks it dirty with
 * a render function; one write per note runs at a time and a write renders the latest state, so bursts
 * collapse into few writes without losing anything (every render contains everything recorded so far).
 *
 * Each write is atomic: content goes to a hidden temp file in the same folder (Obsidian ignores dot
 * files), then is renamed over the note, so a reader or a crash never sees half a note. The rename is
 * done synchronously on the main thread (a cheap metadata call) so that `flushSync` and async writes
 * are strictly ordered: a slower async write never renames older content over a newer one.
 * Notes hold prompts and code: files are 0600 and folders we create 0700, whatever the umask.
 */
export interface NoteWriteQueue {
  /** Marks `${name}.md` dirty; `render` is called at write time and must return the full note. */
  update(name: string, render: () => string): void;
  /** Resolves once every update so far was written (or failed and was reported). Never rejects. */
  flush(): Promise<void>;
  /** Tries notes whose last write failed once more, then flushes. */
  retryAndFlush(): Promise<void>;
  /** Writes every note whose latest state is not on disk yet, synchronously (exit paths). */
  flushSync(): void;
}

const NOTE_FILE_MODE = 0o600;
const NOTE_DIR_MODE = 0o700;

interface NoteState {
  name: string;
  render: () => string;
  /** Bumped by each update. */
  wanted: number;
  /** Highest version a write finished for, successful or not. */
  attempted: number;
  /** Highest version on disk. */
  committed: number;
  writing: boolean;
}

export function createNoteWriteQueue(options: { dir: string; report: (error: Error) => void }): NoteWriteQueue {
  const notes = new Map<string, NoteState>();
  let idleWaiters: Array<() => void> = [];
  let scheduled = false;
  let dirReady: Promise<void> | undefined;
  let tempCounter = 0;

  const tempFile = (name: string) => join(options.dir, `.${name}.md.${process.pid}.${++tempCounter}.tmp`);
  const finalFile = (name: string) => join(options.dir, `${name}.md`);
  const toError = (error: unknown) => (error instanceof Error ? error : new Error(String(error)));

  const isIdle = () => {
    for (const note of notes.values()) if (note.writing || note.wanted > note.attempted) return false;
    return true;
  };
  const settle = () => {
    if (!isIdle()) return;
    const waiters = idleWaiters;
    idleWaiters = [];
    for (const resolve of waiters) resolve();
  };

  const ensureDir = () => {
    dirReady ??= mkdir(options.dir, { recursive: true, mode: NOTE_DIR_MODE }).then(
      () => undefined,
      (error: unknown) => {
        dirReady = undefined; // try again on the next write: the folder may be fixed meanwhile
        throw error;
      },
    );
    return dirReady;
  };

  const write = async (note: NoteState) => {
    note.writing = true;
    const version = note.wanted;
    let temp: string | undefined;
    try {
      const content = note.render();
      await ensureDir();
      temp = tempFile(note.name);
      await writeFile(temp, content, { encoding: 'utf8', mode: NOTE_FILE_MODE });
      if (version > note.committed) {
        renameSync(temp, finalFile(note.name));
        note.committed = version;
      } else {
        await unlink(temp); // flushSync already put newer content in place
      }
      temp = undefined;
    } catch (error) {
      options.report(toError(error));
      if (temp) await unlink(temp).catch(() => {});
    } finally {
      note.attempted = Math.max(note.attempted, version);
      note.writing = false;
    }
    if (note.wanted > note.attempted) void write(note);
    else settle();
  };

  // Also retries notes whose last write failed: they are rewritten whole, so nothing stays lost once
  // the disk recovers. Retries only ride on new updates (or close), never loop on their own.
  const flush = () => {
    if (isIdle()) return Promise.resolve();
    return new Promise<void>((resolve) => idleWaiters.push(resolve));
  };

  const pump = () => {
    scheduled = false;
    for (const note of notes.values()) {
      if (!note.writing && note.wanted > note.committed) void write(note);
    }
    settle();
  };

  return {
    update(name, render) {
      let note = notes.get(name);
      if (!note) {
        note = { name, render, wanted: 0, attempted: 0, committed: 0, writing: false };
        notes.set(name, note);
      }
      note.render = render;
      note.wanted++;
      if (!scheduled) {
        scheduled = true;
        // After the caller's current work (the response) is done.
        setImmediate(pump);
      }
    },

    flush,

    retryAndFlush() {
      pump();
      return flush();
    },

    flushSync() {
      let dirMade = false;
      for (const note of notes.values()) {
        if (note.committed >= note.wanted) continue;
        const version = note.wanted;
        const temp = tempFile(note.name);
        try {
          const content = note.render();
          if (!dirMade) {
            mkdirSync(options.dir, { recursive: true, mode: NOTE_DIR_MODE });
            dirMade = true;
          }
          writeFileSync(temp, content, { encoding: 'utf8', mode: NOTE_FILE_MODE });
          renameSync(temp, finalFile(note.name));
          note.committed = version;
        } catch (error) {
          options.report(toError(error));
          try {
            unlinkSync(temp);
          } catch {
            // never created
          }
        }
        // An async write still in flight for this note will see it is outdated and discard its temp file.
        if (!note.writing) note.attempted = Math.max(note.attempted, version);
      }
      settle();
    },
  };
}

import { resolve } from 'node:path';
import { sessionNoteSchema } from './note-schema.js';
import { parseFrontmatter } from './parse-frontmatter.js';
import { readNoteFiles } from './read-note-files.js';

export interface SessionSummary {
  id: string;
  /** Local date-time as written in the note, e.g. `2026-11-25T14:30:12`. */
  created: string;
  model: string;
  backend: string;
  turns: number;
  tokens: number;
  /** The first turn's question (its title, one line, shortened), when the session has a turn. */
  question?: string | undefined;
  /** Absolute path of the hub note. */
  file: string;
}

// The hub's first turn link, `1. [[<note>|14:30:12 · <question>]]` (render-session-hub-note.ts).
const FIRST_TURN = /^1\. \[\[[^|\]]+\|\d{2}:\d{2}:\d{2} · (.*?)\]\]/m;

/** Session hubs under `dir`, newest first. Notes that are not valid session hubs are skipped. */
export async function listSessions(dir: string): Promise<SessionSummary[]> {
  let notes;
  try {
    notes = await readNoteFiles(resolve(dir));
  } catch {
    return [];
  }
  const sessions: SessionSummary[] = [];
  for (const note of notes) {
    const frontmatter = parseFrontmatter(note.text);
    if (!frontmatter) continue;
    const result = sessionNoteSchema.safeParse(frontmatter.data);
    if (!result.success) continue;
    const { session_id, created, model, backend, turns, tokens } = result.data;
    const question = FIRST_TURN.exec(note.text)?.[1];
    sessions.push({ id: session_id, created, model, backend, turns, tokens, question, file: note.file });
  }
  return sessions.sort((a, b) => b.created.localeCompare(a.created) || b.file.localeCompare(a.file));
}

/**
 * Note names double as wikilink targets, so they must be unique, stable and free of characters that
 * Obsidian forbids in file names or that break a wikilink (`[ ] | # ^ : \ /`).
 * Shape: `2026-11-25 143012.345 turn a1b2c3`: sorts by time, and the ms plus a random id keep
 * concurrent turns (and concurrent sessions) apart.
 */
export type NoteKind = 'session' | 'turn';

export function noteName(kind: NoteKind, at: Date, shortId: string): string {
  const pad = (value: number, width = 2) => String(value).padStart(width, '0');
  const date = `${at.getFullYear()}-${pad(at.getMonth() + 1)}-${pad(at.getDate())}`;
  const time = `${pad(at.getHours())}${pad(at.getMinutes())}${pad(at.getSeconds())}.${pad(at.getMilliseconds(), 3)}`;
  return `${date} ${time} ${kind} ${shortId}`;
}

/** Obsidian's "Date & time" property format: local time, no offset (what Obsidian itself writes). */
export function localDateTime(at: Date): string {
  const pad = (value: number) => String(value).padStart(2, '0');
  return (
    `${at.getFullYear()}-${pad(at.getMonth() + 1)}-${pad(at.getDate())}` +
    `T${pad(at.getHours())}:${pad(at.getMinutes())}:${pad(at.getSeconds())}`
  );
}

/** `14:30:12.345` for headings inside a note. */
export function clockTime(at: Date): string {
  const pad = (value: number, width = 2) => String(value).padStart(width, '0');
  return `${pad(at.getHours())}:${pad(at.getMinutes())}:${pad(at.getSeconds())}.${pad(at.getMilliseconds(), 3)}`;
}

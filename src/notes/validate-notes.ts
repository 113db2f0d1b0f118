import { access } from 'node:fs/promises';
import { dirname, resolve } from 'node:path';
import type { z } from 'zod';
import { sessionNoteSchema, turnNoteSchema } from './note-schema.js';
import { parseFrontmatter, type ParsedFrontmatter } from './parse-frontmatter.js';
import { readNoteFiles, type NoteFile } from './read-note-files.js';
import { scanNoteBody, type NoteBodyScan } from './scan-note-body.js';

export interface Problem {
  /** Absolute path of the note (or of the folder when it cannot be read). */
  file: string;
  line?: number;
  message: string;
}

interface CheckedNote {
  note: NoteFile;
  kind?: 'session' | 'turn';
  frontmatter?: ParsedFrontmatter;
  body?: NoteBodyScan;
}

/**
 * Checks every note under `dir`: properties against the schema of its kind, wikilinks resolve to
 * existing notes, relative links resolve to existing files, callouts and code fences are well-formed,
 * and every turn note is linked from a session hub (no orphans).
 */
export async function validateNotes(dir: string): Promise<Problem[]> {
  const root = resolve(dir);
  let notes: NoteFile[];
  try {
    notes = await readNoteFiles(root);
  } catch (error) {
    return [{ file: root, message: `cannot read notes folder: ${(error as Error).message}` }];
  }

  const problems: Problem[] = [];
  const checked = notes.map((note) => checkNote(note, problems));

  // Obsidian resolves wikilinks by note name, case-insensitively; a path prefix is allowed.
  const byName = new Map<string, NoteFile>();
  for (const note of notes) byName.set(note.name.toLowerCase(), note);
  const resolveWikilink = (target: string) => {
    const name = target.replace(/\.md$/i, '').split('/').at(-1)?.toLowerCase() ?? '';
    return byName.get(name);
  };

  const kindByFile = new Map(checked.map((entry) => [entry.note.file, entry.kind]));
  const fileChecks = new Map<string, Promise<boolean>>();
  const fileExists = (path: string) => {
    let check = fileChecks.get(path);
    if (!check) {
      check = exists(path).then(async (found) => found || exists(`${path}.md`));
      fileChecks.set(path, check);
    }
    return check;
  };

  const linkedFromSessions = new Set<string>();
  for (const { note, kind, frontmatter, body } of checked) {
    if (!body) continue;
    for (const { target, line } of body.wikilinks) {
      const linked = resolveWikilink(target);
      if (!linked) problems.push({ file: note.file, line, message: `wikilink [[${target}]] does not resolve to a note` });
      else if (kind === 'session') linkedFromSessions.add(linked.file);
    }
    for (const { target, line } of body.links) {
      const path = resolve(dirname(note.file), target);
      if (!(await fileExists(path))) {
        problems.push({ file: note.file, line, message: `link to ${target} does not resolve to a file` });
      }
    }
    if (kind === 'turn' && frontmatter) {
      const session = frontmatter.data.session;
      const target = typeof session === 'string' ? /^\[\[([^\]|#]+)/.exec(session)?.[1]?.trim() : undefined;
      const hub = target === undefined ? undefined : resolveWikilink(target);
      const hubKind = hub && kindByFile.get(hub.file);
      if (target !== undefined && hubKind !== 'session') {
        problems.push({
          file: note.file,
          line: frontmatter.keyLines.session,
          message: `property "session" links [[${target}]], which is not a session note`,
        });
      }
    }
  }

  for (const { note, kind } of checked) {
    if (kind === 'turn' && !linkedFromSessions.has(note.file)) {
      problems.push({ file: note.file, message: 'orphan turn note: no session note links to it' });
    }
  }

  return problems.sort((a, b) => a.file.localeCompare(b.file) || (a.line ?? 0) - (b.line ?? 0));
}

function checkNote(note: NoteFile, problems: Problem[]): CheckedNote {
  const frontmatter = parseFrontmatter(note.text);
  if (!frontmatter) {
    problems.push({ file: note.file, line: 1, message: 'missing frontmatter (the note must start with a --- properties block)' });
    return { note };
  }
  for (const error of frontmatter.errors) problems.push({ file: note.file, ...error });

  const tags = frontmatter.data.tags;
  const tagList = Array.isArray(tags) ? tags : [];
  const kind = tagList.includes('codex-ctx/session') ? 'session' : tagList.includes('codex-ctx/turn') ? 'turn' : undefined;
  if (!kind) {
    problems.push({
      file: note.file,
      line: frontmatter.keyLines.tags ?? 1,
      message: 'property "tags" must be a list including codex-ctx/session or codex-ctx/turn',
    });
  } else {
    const schema: z.ZodType = kind === 'session' ? sessionNoteSchema : turnNoteSchema;
    const result = schema.safeParse(frontmatter.data);
    if (!result.success) {
      for (const issue of result.error.issues) {
        const key = String(issue.path[0] ?? '');
        const missing = !(key in frontmatter.data);
        problems.push({
          file: note.file,
          line: frontmatter.keyLines[key] ?? 1,
          message: missing ? `missing property "${key}" (${kind} note)` : `property "${key}": ${issue.message}`,
        });
      }
    }
  }

  const lines = note.text.split(/\r?\n/).slice(frontmatter.bodyStartLine - 1);
  const body = scanNoteBody(lines, frontmatter.bodyStartLine);
  for (const problem of body.problems) problems.push({ file: note.file, ...problem });
  return { note, kind, frontmatter, body };
}

async function exists(path: string): Promise<boolean> {
  try {
    await access(path);
    return true;
  } catch {
    return false;
  }
}

import { readdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';

export interface NoteFile {
  /** Absolute path. */
  file: string;
  /** File name without `.md`: what a wikilink names. */
  name: string;
  text: string;
}

/** Every `.md` file under `dir`, skipping hidden entries (temp files, `.obsidian/`) like Obsidian does. */
export async function readNoteFiles(dir: string): Promise<NoteFile[]> {
  const notes: NoteFile[] = [];
  const walk = async (folder: string) => {
    const entries = await readdir(folder, { withFileTypes: true });
    for (const entry of entries) {
      if (entry.name.startsWith('.')) continue;
      const path = join(folder, entry.name);
      if (entry.isDirectory()) await walk(path);
      else if (entry.isFile() && entry.name.endsWith('.md')) {
        notes.push({ file: path, name: entry.name.slice(0, -3), text: await readFile(path, 'utf8') });
      }
    }
  };
  await walk(dir);
  return notes.sort((a, b) => a.file.localeCompare(b.file));
}

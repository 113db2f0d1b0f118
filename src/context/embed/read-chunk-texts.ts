import { createHash } from 'node:crypto';
import { join } from 'node:path';
import { hashContent, type IndexedFile } from '../index/analyze-file.js';
import { readTextFileNow } from '../repo/read-text-file.js';
import { chunkEmbedText } from './chunk-embed-text.js';
import { chunkVectorKey } from './vector-store.js';

export interface ChunkText {
  key: string;
  text: string;
}

const gitBlobId = (text: string) => {
  const bytes = Buffer.from(text, 'utf8');
  return createHash('sha1').update(`blob ${bytes.length}\0`).update(bytes).digest('hex');
};

/**
 * Whether the text on disk is still the content the index analysed (the key's hash): a file edited since
 * the last build is left for the next one, so a vector always belongs to the content its key names.
 * A git blob id is checked as git computes it (line endings normalised too, for checkouts that convert them).
 */
function isIndexedContent(file: IndexedFile, text: string): boolean {
  if (!file.hash.startsWith('git:')) return hashContent(text) === file.hash;
  const blob = file.hash.slice(4);
  return gitBlobId(text) === blob || (text.includes('\r\n') && gitBlobId(text.replaceAll('\r\n', '\n')) === blob);
}

/**
 * The texts to embed for one file's chunks that `wanted` selects, and the keys of chunks too small to
 * embed (`skipped`). Nothing when the file is gone, unreadable or changed since it was indexed.
 */
export function readChunkTexts(repoRoot: string, file: IndexedFile, wanted: (key: string) => boolean): { texts: ChunkText[]; skipped: string[] } {
  const texts: ChunkText[] = [];
  const skipped: string[] = [];
  const keys = file.chunks.map((chunk) => chunkVectorKey(file.hash, chunk.startLine, chunk.endLine));
  if (!keys.some(wanted)) return { texts, skipped };
  const content = readTextFileNow(join(repoRoot, file.path));
  if (!content || !isIndexedContent(file, content.text)) return { texts, skipped };
  const lines = content.text.split('\n');
  file.chunks.forEach((chunk, index) => {
    const key = keys[index] ?? '';
    if (!wanted(key)) return;
    const text = chunkEmbedText(file.path, lines, chunk.startLine, chunk.endLine);
    if (text === undefined) skipped.push(key);
    else texts.push({ key, text });
  });
  return { texts, skipped };
}

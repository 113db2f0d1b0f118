import { join } from 'node:path';
import { readTextFileSync } from '../repo/read-text-file.js';
import { analyzeFile, hashContent, type IndexedFile } from './analyze-file.js';
import type { TermDictionary } from './term-dictionary.js';

/** A file whose size or mtime changed (or that is new) and has to be read. */
export interface AnalyzeJob {
  path: string;
  size: number;
  mtimeMs: number;
  /** Content hash of the previous analysis: equal content is not analysed again. */
  previousHash?: string | undefined;
  /** The content's hash when git already knows it (its blob id): saves hashing the text. */
  hash?: string | undefined;
}

/** How a git blob id is stored as a file's content hash (other files: a SHA-1 of the text). */
export const blobHash = (blob: string) => `git:${blob}`;

export type AnalyzeOutcome =
  | { path: string; status: 'analyzed'; file: IndexedFile }
  | { path: string; status: 'unchanged'; size: number; mtimeMs: number }
  | { path: string; status: 'skipped' };

/** Reads and analyses one job (binary and unreadable files are skipped). */
export function analyzeJob(repoRoot: string, job: AnalyzeJob, dictionary: TermDictionary): AnalyzeOutcome {
  if (job.hash !== undefined && job.hash === job.previousHash) return { path: job.path, status: 'unchanged', size: job.size, mtimeMs: job.mtimeMs };
  const content = readTextFileSync(join(repoRoot, job.path), { size: job.size, mtimeMs: job.mtimeMs });
  if (!content) return { path: job.path, status: 'skipped' };
  const hash = job.hash ?? hashContent(content.text);
  if (hash === job.previousHash) return { path: job.path, status: 'unchanged', size: job.size, mtimeMs: job.mtimeMs };
  return { path: job.path, status: 'analyzed', file: analyzeFile(job.path, content.text, { size: job.size, mtimeMs: job.mtimeMs, hash }, dictionary) };
}

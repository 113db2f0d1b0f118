import { closeSync, constants, fstatSync, lstatSync, openSync, readFileSync, readSync } from 'node:fs';
import { join } from 'node:path';
import { lstat, readFile } from 'node:fs/promises';

/** Larger files are generated, vendored or data: never indexed or quoted. */
export const MAX_FILE_BYTES = 512 * 1024;

/** NUL in the first 8 KB is how git and ripgrep tell binary from text; we do the same. */
function isBinary(buffer: Buffer): boolean {
  return buffer.subarray(0, 8192).includes(0);
}

export interface TextFile {
  text: string;
  size: number;
  mtimeMs: number;
}

/**
 * Reads a repository file as text, or undefined when it is missing, huge, binary or a symbolic link
 * (a link can point anywhere, `~/.ssh` included: never followed).
 */
export async function readTextFile(absolutePath: string): Promise<TextFile | undefined> {
  try {
    const info = await lstat(absolutePath);
    if (!info.isFile() || info.size > MAX_FILE_BYTES) return undefined;
    const buffer = await readFile(absolutePath);
    return isBinary(buffer) ? undefined : { text: buffer.toString('utf8'), size: info.size, mtimeMs: info.mtimeMs };
  } catch {
    return undefined;
  }
}

/**
 * Synchronous read that never follows a link (`O_NOFOLLOW`, then `fstat` on what was opened): four
 * system calls and no thread-pool round trips. Retrieval reads a few dozen small, page-cached files
 * per question; on a busy two-core machine the async path cost ~0.2 s of a dry run in queueing alone.
 */
export function readTextFileNow(absolutePath: string): TextFile | undefined {
  let descriptor: number | undefined;
  try {
    descriptor = openSync(absolutePath, constants.O_RDONLY | (constants.O_NOFOLLOW ?? 0));
    const info = fstatSync(descriptor);
    if (!info.isFile() || info.size > MAX_FILE_BYTES) return undefined;
    // The size is known: one read into an exact buffer (readFileSync would fstat again).
    const buffer = Buffer.allocUnsafe(info.size);
    let filled = 0;
    while (filled < info.size) {
      const count = readSync(descriptor, buffer, filled, info.size - filled, filled);
      if (count === 0) break;
      filled += count;
    }
    const content = buffer.subarray(0, filled);
    return isBinary(content) ? undefined : { text: content.toString('utf8'), size: info.size, mtimeMs: info.mtimeMs };
  } catch {
    return undefined;
  } finally {
    if (descriptor !== undefined) closeSync(descriptor);
  }
}

/** Repo-relative path → text, each file read once per retrieval (grep and packing share the reads). */
export type RepoFileReader = (path: string) => TextFile | undefined;

export function createRepoFileReader(repoRoot: string): RepoFileReader {
  const read = new Map<string, TextFile | undefined>();
  return (path) => {
    if (!read.has(path)) read.set(path, readTextFileNow(join(repoRoot, path)));
    return read.get(path);
  };
}

/** Synchronous twin for the index builder, which reads in small batches between yields. */
export function readTextFileSync(absolutePath: string, known?: { size: number; mtimeMs: number }): TextFile | undefined {
  try {
    const info = known ?? lstatSync(absolutePath);
    if (info.size > MAX_FILE_BYTES) return undefined;
    const buffer = readFileSync(absolutePath);
    return isBinary(buffer) ? undefined : { text: buffer.toString('utf8'), size: info.size, mtimeMs: info.mtimeMs };
  } catch {
    return undefined;
  }
}

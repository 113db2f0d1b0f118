import { lstatSync, readFileSync } from 'node:fs';
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

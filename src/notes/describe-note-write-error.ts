import { access, constants, stat } from 'node:fs/promises';
import { dirname } from 'node:path';

/**
 * One line for the user when session notes cannot be written, naming the real cause. Creating a folder
 * under a read-only or foreign parent can surface as `ENOENT mkdir` (the recursive mkdir reports the
 * missing child, not the parent it could not write), so the nearest existing folder is checked and its
 * own error (EACCES, EROFS) is the one named.
 */
const CAUSES: Record<string, string> = {
  EACCES: 'permission denied',
  EPERM: 'operation not permitted',
  EROFS: 'read-only file system',
  ENOSPC: 'no space left on device',
  EDQUOT: 'disk quota exceeded',
  ENOTDIR: 'a path component is a file, not a folder',
};

export async function describeNoteWriteError(dir: string, error: Error): Promise<string> {
  let code = (error as NodeJS.ErrnoException).code;
  if (code === 'ENOENT' || code === undefined) code = (await findUnwritableAncestor(dir)) ?? code;
  const cause = code ? `${CAUSES[code] ?? error.message} (${code})` : error.message;
  return `session notes cannot be written to ${dir}: ${cause}; fix the folder, or pass --log-dir <dir> or --no-log`;
}

/** The error code that stops writing into the nearest existing folder above (or at) `dir`, if any. */
async function findUnwritableAncestor(dir: string): Promise<string | undefined> {
  let current = dir;
  for (;;) {
    const info = await stat(current).catch((error: NodeJS.ErrnoException) => error);
    if (!(info instanceof Error)) {
      if (!info.isDirectory()) return 'ENOTDIR';
      return access(current, constants.W_OK | constants.X_OK).then(
        () => undefined,
        (error: NodeJS.ErrnoException) => error.code,
      );
    }
    if (info.code === 'ENOTDIR') return 'ENOTDIR';
    const parent = dirname(current);
    if (parent === current) return undefined;
    current = parent;
  }
}

import { join } from 'node:path';
import { readTextFile } from '../repo/read-text-file.js';
import { DEFAULT_MAX_MATCHES, DEFAULT_MAX_MATCHES_PER_FILE, type LineMatch, type TermSearchOptions } from './line-match.js';

const CONCURRENCY = 16;

/**
 * Pure-JS term search for machines without ripgrep: reads the given files (the caller narrows them
 * with the index when it can) and matches the same pattern. Stops at the signal with what it found.
 */
export async function scanFilesSearch(options: TermSearchOptions & { paths: readonly string[] }): Promise<LineMatch[]> {
  const maxMatches = options.maxMatches ?? DEFAULT_MAX_MATCHES;
  const perFile = options.maxMatchesPerFile ?? DEFAULT_MAX_MATCHES_PER_FILE;
  const pattern = new RegExp(options.pattern, 'gi');
  const matches: LineMatch[] = [];
  let next = 0;

  const searchOne = async (path: string) => {
    const file = await readTextFile(join(options.repoRoot, path));
    if (!file || options.signal?.aborted) return;
    const regex = new RegExp(pattern);
    let line = 1;
    let counted = 0; // offset up to which newlines are counted
    let found = 0;
    let lastLine = 0;
    for (let match = regex.exec(file.text); match; match = regex.exec(file.text)) {
      if (match[0].length === 0) regex.lastIndex++;
      for (let index = file.text.indexOf('\n', counted); index !== -1 && index < match.index; index = file.text.indexOf('\n', index + 1)) {
        line++;
        counted = index + 1;
      }
      if (line === lastLine) continue;
      lastLine = line;
      const end = file.text.indexOf('\n', match.index);
      matches.push({ path, line, text: file.text.slice(counted, end === -1 ? undefined : end).replace(/\r$/, '').slice(0, 400) });
      if (++found >= perFile || matches.length >= maxMatches) break;
    }
  };

  const worker = async () => {
    while (next < options.paths.length && matches.length < maxMatches && !options.signal?.aborted) {
      const path = options.paths[next++];
      if (path !== undefined && options.isAllowed(path)) await searchOne(path);
    }
  };
  await Promise.all(Array.from({ length: CONCURRENCY }, worker));
  return matches;
}

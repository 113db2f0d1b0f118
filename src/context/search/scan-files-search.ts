import { createRepoFileReader, type RepoFileReader } from '../repo/read-text-file.js';
import { DEFAULT_MAX_MATCHES, DEFAULT_MAX_MATCHES_PER_FILE, type LineMatch, type TermSearchOptions } from './line-match.js';

// Reads are synchronous (see readTextFileNow); the scan yields this often so requests keep flowing.
const SLICE_MS = 8;
const yieldToEventLoop = () => new Promise<void>((resolve) => setImmediate(resolve));

function searchText(path: string, text: string, pattern: RegExp, perFile: number, matches: LineMatch[], maxMatches: number): void {
  const regex = new RegExp(pattern);
  let line = 1;
  let counted = 0; // offset up to which newlines are counted
  let found = 0;
  let lastLine = 0;
  for (let match = regex.exec(text); match; match = regex.exec(text)) {
    if (match[0].length === 0) regex.lastIndex++;
    for (let index = text.indexOf('\n', counted); index !== -1 && index < match.index; index = text.indexOf('\n', index + 1)) {
      line++;
      counted = index + 1;
    }
    if (line === lastLine) continue;
    lastLine = line;
    const end = text.indexOf('\n', match.index);
    matches.push({ path, line, text: text.slice(counted, end === -1 ? undefined : end).replace(/\r$/, '').slice(0, 400) });
    if (++found >= perFile || matches.length >= maxMatches) break;
  }
}

/**
 * Pure-JS term search for machines without ripgrep, and over the few files the index points at:
 * reads the given files (through `read`, shared with packing) and matches the same pattern. Stops at
 * the signal with what it found.
 */
export async function scanFilesSearch(options: TermSearchOptions & { paths: readonly string[]; read?: RepoFileReader | undefined }): Promise<LineMatch[]> {
  const maxMatches = options.maxMatches ?? DEFAULT_MAX_MATCHES;
  const perFile = options.maxMatchesPerFile ?? DEFAULT_MAX_MATCHES_PER_FILE;
  const pattern = new RegExp(options.pattern, 'gi');
  const read = options.read ?? createRepoFileReader(options.repoRoot);
  const matches: LineMatch[] = [];
  let sliceStart = performance.now();
  for (const path of options.paths) {
    if (matches.length >= maxMatches || options.signal?.aborted) break;
    if (performance.now() - sliceStart > SLICE_MS) {
      await yieldToEventLoop();
      sliceStart = performance.now();
      if (options.signal?.aborted) break;
    }
    if (!options.isAllowed(path)) continue;
    const file = read(path);
    if (file) searchText(path, file.text, pattern, perFile, matches, maxMatches);
  }
  return matches;
}

import { redactSecrets } from '../../log/redact-secrets.js';

/** Embedding models read ~512 tokens at most (nomic-embed-text 2k, but quality drops): the head of a chunk says what it is. */
export const MAX_EMBED_CHARS = 1_500;
const MIN_NON_BLANK_LINES = 3;

// Data, not code or prose: a vector of a lockfile or a fixture only crowds out the code that answers.
const DATA_EXTENSIONS = new Set(['json', 'jsonl', 'ndjson', 'csv', 'tsv', 'lock', 'snap', 'svg', 'xml', 'txt', 'log', 'sum']);
const DATA_NAMES = /(?:^|\/)(?:package-lock\.json|yarn\.lock|pnpm-lock\.yaml|Cargo\.lock|poetry\.lock|go\.sum|composer\.lock|Gemfile\.lock)$/;
const DATA_DIRECTORIES = /(?:^|\/)(?:__snapshots__|fixtures|testdata|__fixtures__)\//;

/** Whether a file's chunks get vectors at all: code, docs and configs do; data files do not. */
export function isEmbeddablePath(path: string): boolean {
  if (DATA_NAMES.test(path) || DATA_DIRECTORIES.test(path)) return false;
  const basename = path.slice(path.lastIndexOf('/') + 1);
  const dot = basename.lastIndexOf('.');
  return dot < 0 || !DATA_EXTENSIONS.has(basename.slice(dot + 1).toLowerCase());
}

/**
 * What is embedded for one chunk: its repository path (the path names the module, which a question
 * often paraphrases) and its lines, capped. Undefined for chunks under three non-blank lines: a lone
 * import or brace says nothing a vector could match. Secret-shaped strings are redacted first, as in
 * every snippet: the text goes to a model server.
 */
export function chunkEmbedText(path: string, lines: readonly string[], startLine: number, endLine: number): string | undefined {
  let nonBlank = 0;
  let length = 0;
  let end = startLine - 1;
  for (let line = startLine; line <= endLine && length < MAX_EMBED_CHARS; line++) {
    const text = lines[line - 1] ?? '';
    if (text.trim() !== '') nonBlank++;
    length += text.length + 1;
    end = line;
  }
  if (nonBlank < MIN_NON_BLANK_LINES) return undefined;
  const body = lines.slice(startLine - 1, end).join('\n').slice(0, MAX_EMBED_CHARS);
  return redactSecrets(`${path}\n${body}`);
}

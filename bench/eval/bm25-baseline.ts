/**
 * The baseline to beat: Okapi BM25 (k1 1.2, b 0.75) over whole files, with identifier-split tokens
 * (`fetchWithRetry` → fetch, with, retry, fetchwithretry). Deliberately self-contained: it must not
 * move when the engine's own tokenizer changes.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';

const K1 = 1.2;
const B = 0.75;
const MAX_FILE_BYTES = 512 * 1024;

const QUERY_STOPWORDS = new Set(
  ('a an and are as at be by can do does for from how i in is it its of on or should that the this to we what when where which who why ' +
    'with there any our you your me my make does did get set into about than then them they was were will would could has have had')
    .split(' '),
);

/** Identifier-split, lower-cased tokens: the parts of camelCase/snake_case/kebab words plus the whole word. */
export function splitIdentifierTokens(text: string): string[] {
  const tokens: string[] = [];
  for (const word of text.match(/[A-Za-z0-9_$]+/g) ?? []) {
    const parts = word
      .replace(/([a-z0-9])([A-Z])/g, '$1 $2')
      .replace(/([A-Z]+)([A-Z][a-z])/g, '$1 $2')
      .split(/[\s_$]+/)
      .map((part) => part.toLowerCase())
      .filter((part) => part.length > 1 || /\d/.test(part));
    tokens.push(...parts);
    const whole = word.toLowerCase().replace(/[_$]/g, '');
    if (parts.length > 1 && whole.length > 1) tokens.push(whole);
  }
  return tokens;
}

export function createBm25Baseline(root: string, paths: string[]): (userMessages: string[]) => string[] {
  const documents = paths.map((path) => {
    let text = '';
    try {
      const buffer = readFileSync(join(root, path));
      if (buffer.length <= MAX_FILE_BYTES && !buffer.includes(0)) text = buffer.toString('utf8');
    } catch {
      // unreadable: an empty document
    }
    const counts = new Map<string, number>();
    const tokens = splitIdentifierTokens(text);
    for (const token of tokens) counts.set(token, (counts.get(token) ?? 0) + 1);
    return { path, counts, length: tokens.length };
  });
  const averageLength = documents.reduce((total, document) => total + document.length, 0) / Math.max(1, documents.length);
  const frequency = new Map<string, number>();
  for (const document of documents) for (const token of document.counts.keys()) frequency.set(token, (frequency.get(token) ?? 0) + 1);
  const idf = (token: string) => {
    const df = frequency.get(token) ?? 0;
    return Math.log(1 + (documents.length - df + 0.5) / (df + 0.5));
  };

  // All user messages of the question, as one query: the baseline has no notion of a thread.
  return (userMessages) => {
    const queryTokens = [...new Set(splitIdentifierTokens(userMessages.join('\n')).filter((token) => !QUERY_STOPWORDS.has(token)))];
    const scored: Array<{ path: string; score: number }> = [];
    for (const document of documents) {
      let score = 0;
      const norm = K1 * (1 - B + (B * document.length) / averageLength);
      for (const token of queryTokens) {
        const tf = document.counts.get(token);
        if (tf) score += (idf(token) * tf * (K1 + 1)) / (tf + norm);
      }
      if (score > 0) scored.push({ path: document.path, score });
    }
    return scored.sort((a, b) => b.score - a.score || a.path.localeCompare(b.path)).map((entry) => entry.path);
  };
}

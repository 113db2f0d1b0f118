import { PLAIN_PHRASES_TO_CODE_TERMS } from './plain-phrases-to-code-terms.js';
import { PLAIN_WORDS_TO_CODE_TERMS } from './plain-words-to-code-terms.js';
import { stemWord } from './text-tokens.js';

/**
 * Everyday English → the index terms of the words code uses for it: single words by stem ("shrink" →
 * compress, gzip) and phrases by their words' stems ("tried again" → retry). Directed: code words
 * never reach the everyday words. The tables are generic vocabulary (see their headers).
 */

export interface Translation {
  /** The user's word or phrase, as the table names it. */
  from: string;
  /** Index terms of the code words. */
  terms: readonly string[];
}

/**
 * A code word as the index may hold it: stemmed as a single word (`gzip`, `compress`), and as written
 * too, because a compound name is indexed whole and unstemmed (`maxRetries` → `maxretries`).
 */
function indexTermsOf(codeWords: readonly string[]): string[] {
  return [...new Set(codeWords.flatMap((word) => [stemWord(word), word]))];
}

// Keys are stemmed when the module loads; a table's values only when a question reaches them (a few
// per question instead of ~7,000 stems on every start).
const WORDS_BY_STEM = new Map<string, string>();
for (const word of Object.keys(PLAIN_WORDS_TO_CODE_TERMS)) WORDS_BY_STEM.set(stemWord(word), word);
const translatedWords = new Map<string, Translation>();

interface Phrase {
  from: string;
  stems: readonly string[];
}
// Phrases by the stem of their first word, longest first (so "at the same time" wins over "at the same").
const PHRASES_BY_FIRST_STEM = new Map<string, Phrase[]>();
for (const phrase of Object.keys(PLAIN_PHRASES_TO_CODE_TERMS)) {
  const stems = phrase.split(' ').map((word) => stemWord(word));
  const first = stems[0] ?? '';
  const entry = { from: phrase, stems };
  const phrases = PHRASES_BY_FIRST_STEM.get(first);
  if (phrases) phrases.push(entry);
  else PHRASES_BY_FIRST_STEM.set(first, [entry]);
}
for (const phrases of PHRASES_BY_FIRST_STEM.values()) phrases.sort((a, b) => b.stems.length - a.stems.length);

/** The code words for one everyday word, given its stem. */
export function translateWord(stem: string): Translation | undefined {
  const word = WORDS_BY_STEM.get(stem);
  if (word === undefined) return undefined;
  let translation = translatedWords.get(word);
  if (!translation) translatedWords.set(word, (translation = { from: word, terms: indexTermsOf(PLAIN_WORDS_TO_CODE_TERMS[word] ?? []) }));
  return translation;
}

/**
 * The code words for the everyday phrases in `text`. Matched on every word as typed, stopwords
 * included ("try again", "make sure" are made of words the query otherwise drops), by stem.
 */
export function translatePhrases(text: string): Translation[] {
  const stems = (text.toLowerCase().match(/[a-z]+/g) ?? []).map((word) => stemWord(word));
  const found = new Set<string>();
  for (let index = 0; index < stems.length; index++) {
    for (const phrase of PHRASES_BY_FIRST_STEM.get(stems[index] ?? '') ?? []) {
      if (phrase.stems.every((stem, offset) => stems[index + offset] === stem)) {
        found.add(phrase.from);
        index += phrase.stems.length - 1;
        break;
      }
    }
  }
  return [...found].map((phrase) => ({ from: phrase, terms: indexTermsOf(PLAIN_PHRASES_TO_CODE_TERMS[phrase] ?? []) }));
}

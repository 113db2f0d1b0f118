import { expandSynonyms } from './expand-synonyms.js';
import { identifierTerms, isQueryStopword, QUERY_STOPWORDS, splitIdentifier, stemWord } from './text-tokens.js';
import { translatePhrases, translateWord } from './translate-everyday-words.js';

export interface WeightedTerm {
  /** An index term (stemmed, lower-case). */
  term: string;
  /** 1 for the user's own words, less for synonyms. */
  weight: number;
  /** For a code word from the everyday-words table: the user's word it translates. */
  translates?: string | undefined;
}

export interface SearchTerms {
  /** The question as natural language, for semantic search (whitespace collapsed, bounded). */
  question: string;
  /** Code-shaped tokens exactly as written (`parseArgs`, `MAX_RETRIES`, `foo_bar`), for grep and symbol lookup. */
  identifiers: string[];
  /**
   * How many of `identifiers` (the first ones) the latest message named itself. Only those are looked
   * up as exact definitions: a follow-up ("and the one for less than or equal?") is usually about a
   * neighbour of what the thread named, which stays a grep term and a weighted term.
   */
  ownIdentifiers?: number | undefined;
  /** Plain salient words as written (lower-case, no stopwords), for grep. */
  keywords: string[];
  /** Index terms with weights, for ranking. */
  terms: WeightedTerm[];
  /** File paths or file names the user mentioned. */
  paths: string[];
  /**
   * Literal strings for grep when the message has no words to search for (`-m`, `???`, `::`): the
   * repository may still contain exactly that text.
   */
  literals: string[];
}

// A long paste keeps its head (the question, the first frames of a trace) and its tail (what was asked last).
const MAX_HEAD = 6_000;
const MAX_TAIL = 2_000;
// Longer "words" are data (base64, hashes, minified code), not search terms.
const MAX_WORD = 64;
const MAX_LITERALS = 4;
const MAX_QUESTION = 1_000;
const MAX_IDENTIFIERS = 8;
const MAX_KEYWORDS = 12;
const SYNONYM_WEIGHT = 0.35;
// Higher than a synonym's: the table is directed and each entry names the same idea in code's words.
const CODE_TERM_WEIGHT = 0.5;

const PATH_PATTERN = /(?:[\w.@-]+\/)+[\w.@-]+|\b[\w-]+\.(?:[cm]?[jt]sx?|py|go|rs|java|kt|rb|php|cs|c|h|cpp|hpp|swift|md|json|ya?ml|toml|sh)\b/g;
const WORD_PATTERN = /[A-Za-z_$][A-Za-z0-9_$]*(?:\.[A-Za-z_$][A-Za-z0-9_$]*)*/g;
// Words in other scripts: grep keywords (the index only splits ASCII identifiers).
const NON_ASCII_WORD = /[\p{L}\p{M}][\p{L}\p{M}\p{N}]*/gu;
// Han, kana and Hangul are written without spaces; runs of one script (particles split them) are words.
const CJK_RUN = /\p{Script=Han}{2,}|\p{Script=Katakana}{2,}|\p{Script=Hangul}{2,}/gu;
const IS_CJK = /\p{Script=Han}|\p{Script=Katakana}|\p{Script=Hiragana}|\p{Script=Hangul}/u;
const HAS_NON_ASCII_LETTER = /[^\x00-\x7f]/;
// Command-line flags as typed: `--dry-run`, `--no-verify`, `-m`.
const FLAG_PATTERN = /(?<![\w-])--?[A-Za-z][\w-]*/g;
// Numbers worth grepping (ports, status codes, error numbers).
const NUMBER_PATTERN = /(?<![\w.])\d{3,6}(?![\w.])/g;

/** camelCase, PascalCase with a second capital, snake_case, SCREAMING_CASE, `$x`, or dotted access. */
function looksLikeIdentifier(word: string): boolean {
  return (
    /[a-z][A-Z]/.test(word) ||
    /^[A-Z][a-z0-9]+[A-Z]/.test(word) ||
    /[A-Za-z0-9]_[A-Za-z0-9]/.test(word) ||
    /^[A-Z][A-Z0-9]{2,}$/.test(word) ||
    word.includes('$') ||
    word.includes('.')
  );
}

// "…, not lodash's toPairs", "(not the timeout operator)", "rather than printSchema": the user names
// what they do not mean, to tell it apart from what they do. Only after a comma, a bracket or a colon:
// "why does it not retry?" is a question about retrying.
const EXCLUSION = /(?:[,(;:]\s*(?:and\s+|but\s+)?not|\b(?:rather|other)\s+than)\s+([^,.;:?!()\n]+)/gi;

/** The message without the spans that say what the user does not mean (unless that leaves nothing). */
function withoutExclusions(text: string): string {
  const kept = text.replace(EXCLUSION, (match, span: string) => match.slice(0, match.length - span.length).replace(/\b(?:not|rather|other|than)\s*$/i, ''));
  return /[A-Za-z0-9]/.test(kept) ? kept : text;
}

/**
 * Turns the user's latest message into what each retriever needs. Nothing here touches the
 * filesystem or the network; the caller decides which of these go to which source.
 */
export function deriveSearchTerms(text: string): SearchTerms {
  const pasted = text.length > MAX_HEAD + MAX_TAIL ? `${text.slice(0, MAX_HEAD)}\n${text.slice(-MAX_TAIL)}` : text;
  const question = pasted.replace(/\s+/g, ' ').trim().slice(0, MAX_QUESTION);
  const source = withoutExclusions(pasted);
  const words = (source.match(WORD_PATTERN) ?? []).filter((word) => word.length <= MAX_WORD);

  const paths = unique(source.match(PATH_PATTERN) ?? []).filter((path) => !/^https?:/.test(path) && !/^node:/.test(path));

  const quoted = [...source.matchAll(/`([^`\n]{1,80})`/g)].map((match) => match[1] ?? '');
  const identifiers: string[] = [];
  const keywords: string[] = [];
  // Backticks say "this is code": a two-letter name there (`gt`, `fs`) is as deliberate as a long one.
  const addIdentifier = (word: string, minLength = 3) => {
    const clean = word.replace(/^[.$-]+|[.]+$/g, '');
    if (clean.length >= minLength && clean.length <= MAX_WORD && !identifiers.includes(clean)) identifiers.push(clean);
  };
  const addKeyword = (word: string) => {
    if (!keywords.includes(word)) keywords.push(word);
  };

  // A flag is searched as written without its dashes (`dry-run` matches '--dry-run' and 'dry-run:').
  const flags = unique(source.match(FLAG_PATTERN) ?? []);
  for (const flag of flags) if (flag.length > 3) addIdentifier(flag.replace(/^-+/, ''));
  for (const span of quoted) {
    for (const word of span.match(WORD_PATTERN) ?? []) {
      if (!isQueryStopword(word)) addIdentifier(word, 2);
    }
  }
  for (const word of words) {
    if (looksLikeIdentifier(word)) {
      // `z.string` is written as access; grep and symbol lookup want its last name.
      for (const piece of word.split('.')) if (looksLikeIdentifier(piece) || word.includes('.')) addIdentifier(piece);
      continue;
    }
    const lower = word.toLowerCase();
    if (lower.length >= 3 && !QUERY_STOPWORDS.has(lower)) addKeyword(lower);
  }

  const weights = new Map<string, number>();
  const translated = new Map<string, string>();
  const addTerm = (term: string, weight: number, translates?: string) => {
    if (term.length < 2) return;
    const before = weights.get(term) ?? 0;
    if (weight < before) return;
    // A term counts as a translation when its weight comes from one (the user's own word outweighs it).
    if (translates) translated.set(term, translates);
    else translated.delete(term);
    weights.set(term, weight);
  };
  for (const word of words) {
    for (const piece of word.split('.')) {
      for (const term of identifierTerms(piece, QUERY_STOPWORDS)) addTerm(term, 1);
    }
  }
  // `--dry-run` is `dryRun` or `dry_run` in code: the compound term finds those too.
  for (const flag of flags) {
    const parts = splitIdentifier(flag).filter((part) => !/^\d/.test(part));
    if (parts.length > 1) addTerm(parts.join(''), 1);
  }
  for (const path of paths) {
    for (const part of splitIdentifier(path.replace(/\.[a-z]+$/i, ''))) {
      if (!QUERY_STOPWORDS.has(part)) addTerm(stemWord(part), 1);
    }
  }
  if (HAS_NON_ASCII_LETTER.test(source)) {
    const spaced = (source.match(NON_ASCII_WORD) ?? []).filter((word) => word.length >= 3 && !IS_CJK.test(word));
    for (const word of [...(source.match(CJK_RUN) ?? []), ...spaced]) {
      const lower = word.toLowerCase();
      if (!HAS_NON_ASCII_LETTER.test(word) || lower.length > MAX_WORD) continue;
      addKeyword(lower);
      addTerm(lower, 1);
    }
  }
  for (const number of source.match(NUMBER_PATTERN) ?? []) addKeyword(number);
  for (const [term, weight] of [...weights]) {
    if (weight < 1) continue;
    for (const synonym of expandSynonyms(term)) addTerm(synonym, SYNONYM_WEIGHT);
    for (const codeTerm of translateWord(term)?.terms ?? []) addTerm(codeTerm, CODE_TERM_WEIGHT, term);
  }
  // Phrases are not words the index knows: their translations are kept whatever the repository says.
  for (const phrase of translatePhrases(source)) for (const codeTerm of phrase.terms) addTerm(codeTerm, CODE_TERM_WEIGHT, phrase.from);

  // Nothing word-like: what the user typed in backticks, short flags, or punctuation is the query.
  const literals: string[] = [];
  if (identifiers.length === 0 && keywords.length === 0 && paths.length === 0 && ![...weights.values()].some((weight) => weight >= 1)) {
    const candidates = [...quoted, ...flags, ...source.split(/\s+/).filter((token) => token && !/[\p{L}\p{N}]/u.test(token))];
    for (const candidate of candidates) {
      const literal = candidate.trim();
      if (literal.length >= 2 && literal.length <= 80 && !literals.includes(literal)) literals.push(literal);
    }
  }

  return {
    question,
    identifiers: identifiers.slice(0, MAX_IDENTIFIERS),
    keywords: keywords.slice(0, MAX_KEYWORDS),
    terms: [...weights].map(([term, weight]) => ({ term, weight, translates: translated.get(term) })),
    paths,
    literals: literals.slice(0, MAX_LITERALS),
  };
}

/** The names to look up as exact definitions: the latest message's own identifiers. */
export function definitionNames(terms: SearchTerms): string[] {
  return terms.identifiers.slice(0, terms.ownIdentifiers ?? terms.identifiers.length);
}

/** False when the message has nothing to search for ("say hi", "go on"). */
export function hasSearchTerms(terms: SearchTerms): boolean {
  return terms.terms.some((term) => term.weight >= 1) || terms.identifiers.length > 0 || terms.paths.length > 0 || terms.literals.length > 0;
}

function unique(values: string[]): string[] {
  return [...new Set(values)];
}

import { expandSynonyms } from './expand-synonyms.js';
import { identifierTerms, isQueryStopword, QUERY_STOPWORDS, splitIdentifier, stemWord } from './text-tokens.js';

export interface WeightedTerm {
  /** An index term (stemmed, lower-case). */
  term: string;
  /** 1 for the user's own words, less for synonyms. */
  weight: number;
}

export interface SearchTerms {
  /** The question as natural language, for semantic search (whitespace collapsed, bounded). */
  question: string;
  /** Code-shaped tokens exactly as written (`parseArgs`, `MAX_RETRIES`, `foo_bar`), for grep and symbol lookup. */
  identifiers: string[];
  /** Plain salient words as written (lower-case, no stopwords), for grep. */
  keywords: string[];
  /** Index terms with weights, for ranking. */
  terms: WeightedTerm[];
  /** File paths or file names the user mentioned. */
  paths: string[];
}

const MAX_TEXT = 8_000;
const MAX_QUESTION = 1_000;
const MAX_IDENTIFIERS = 8;
const MAX_KEYWORDS = 12;
const SYNONYM_WEIGHT = 0.35;

const PATH_PATTERN = /(?:[\w.@-]+\/)+[\w.@-]+|\b[\w-]+\.(?:[cm]?[jt]sx?|py|go|rs|java|kt|rb|php|cs|c|h|cpp|hpp|swift|md|json|ya?ml|toml|sh)\b/g;
const WORD_PATTERN = /[A-Za-z_$][A-Za-z0-9_$]*(?:\.[A-Za-z_$][A-Za-z0-9_$]*)*/g;

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

/**
 * Turns the user's latest message into what each retriever needs. Nothing here touches the
 * filesystem or the network; the caller decides which of these go to which source.
 */
export function deriveSearchTerms(text: string): SearchTerms {
  const source = text.slice(0, MAX_TEXT);
  const question = source.replace(/\s+/g, ' ').trim().slice(0, MAX_QUESTION);

  const paths = unique(source.match(PATH_PATTERN) ?? []).filter((path) => !/^https?:/.test(path));

  const quoted = [...source.matchAll(/`([^`\n]{2,80})`/g)].map((match) => match[1] ?? '');
  const identifiers: string[] = [];
  const keywords: string[] = [];
  const addIdentifier = (word: string) => {
    const clean = word.replace(/^[.$]+|[.]+$/g, '');
    if (clean.length >= 3 && !identifiers.includes(clean)) identifiers.push(clean);
  };

  for (const span of quoted) {
    for (const word of span.match(WORD_PATTERN) ?? []) {
      if (!isQueryStopword(word)) addIdentifier(word);
    }
  }
  for (const word of source.match(WORD_PATTERN) ?? []) {
    if (looksLikeIdentifier(word)) {
      // `z.string` is written as access; grep and symbol lookup want its last name.
      for (const piece of word.split('.')) if (looksLikeIdentifier(piece) || word.includes('.')) addIdentifier(piece);
      continue;
    }
    const lower = word.toLowerCase();
    if (lower.length >= 3 && !QUERY_STOPWORDS.has(lower) && !keywords.includes(lower)) keywords.push(lower);
  }

  const weights = new Map<string, number>();
  const addTerm = (term: string, weight: number) => {
    if (term.length < 2) return;
    weights.set(term, Math.max(weights.get(term) ?? 0, weight));
  };
  for (const word of source.match(WORD_PATTERN) ?? []) {
    for (const piece of word.split('.')) {
      for (const term of identifierTerms(piece, QUERY_STOPWORDS)) addTerm(term, 1);
    }
  }
  for (const path of paths) {
    for (const part of splitIdentifier(path.replace(/\.[a-z]+$/i, ''))) {
      if (!QUERY_STOPWORDS.has(part)) addTerm(stemWord(part), 1);
    }
  }
  for (const [term, weight] of [...weights]) {
    if (weight < 1) continue;
    for (const synonym of expandSynonyms(term)) addTerm(synonym, SYNONYM_WEIGHT);
  }

  return {
    question,
    identifiers: identifiers.slice(0, MAX_IDENTIFIERS),
    keywords: keywords.slice(0, MAX_KEYWORDS),
    terms: [...weights].map(([term, weight]) => ({ term, weight })),
    paths,
  };
}

/** False when the message has nothing to search for ("say hi", "go on"). */
export function hasSearchTerms(terms: SearchTerms): boolean {
  return terms.terms.some((term) => term.weight >= 1) || terms.identifiers.length > 0 || terms.paths.length > 0;
}

function unique(values: string[]): string[] {
  return [...new Set(values)];
}

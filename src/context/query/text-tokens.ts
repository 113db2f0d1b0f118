/**
 * One tokenizer for both sides of lexical retrieval: the index and the query must agree on what a
 * "term" is, or a query word never meets the code that uses it. Identifiers are split into their
 * camelCase/snake_case parts (and kept whole when compound), lower-cased and lightly stemmed.
 */

// Language keywords and English glue: present in nearly every chunk, so they only cost postings.
const CODE_KEYWORDS = [
  'abstract', 'as', 'async', 'await', 'break', 'case', 'catch', 'const', 'continue', 'def', 'default',
  'do', 'elif', 'else', 'export', 'extends', 'false', 'fn', 'for', 'from', 'func', 'function', 'if',
  'impl', 'implements', 'import', 'in', 'instanceof', 'let', 'mut', 'new', 'nil', 'none', 'null',
  'package', 'pass', 'private', 'protected', 'pub', 'public', 'readonly', 'return', 'self', 'static',
  'switch', 'this', 'throw', 'true', 'try', 'typeof', 'undefined', 'use', 'var', 'void', 'while', 'with',
  'yield', 'the', 'and', 'or', 'of', 'to', 'is', 'it', 'be', 'an', 'on', 'at', 'by', 'we', 'if',
];

// Words a question is made of that say nothing about which code answers it.
const QUESTION_WORDS = [
  'a', 'about', 'all', 'also', 'am', 'any', 'are', 'can', 'could', 'did', 'does', 'doing', 'done', 'each',
  'explain', 'find', 'get', 'gets', 'give', 'go', 'happen', 'happens', 'has', 'have', 'having', 'he',
  'her', 'here', 'his', 'how', 'i', 'into', 'its', 'just', 'know', 'let', 'like', 'look', 'make', 'me',
  'more', 'most', 'much', 'my', 'need', 'not', 'now', 'one', 'only', 'other', 'our', 'out', 'over',
  'please', 'should', 'show', 'so', 'some', 'such', 'tell', 'than', 'that', 'their', 'them', 'then',
  'there', 'these', 'they', 'thing', 'things', 'this', 'those', 'through', 'up', 'very', 'want', 'was',
  'way', 'were', 'what', 'when', 'where', 'which', 'while', 'who', 'why', 'will', 'would', 'you', 'your',
  'code', 'codebase', 'file', 'files', 'repo', 'repository', 'project', 'implement', 'implemented',
  'implementation', 'implements', 'defined', 'define', 'definition', 'located', 'logic', 'part', 'work',
  'works', 'used', 'using', 'uses', 'use', 'done', 'handle', 'handled', 'handles', 'handling', 'see',
  'place', 'lives', 'live', 'somewhere', 'actually', 'exactly', 'wants', 'whether',
  // Stand-ins for what the user does not name ("switch something on", "is anyone notified").
  'something', 'anything', 'everything', 'someone', 'anyone', 'somebody', 'anybody', 'stuff', 'whatever',
  // "the version-number library", "the web framework": where to look, never what the answer says.
  'library', 'libraries', 'framework',
  // Conversation, not a question about code: "say hi", "ok go ahead", "thanks".
  'say', 'hi', 'hello', 'hey', 'thanks', 'thank', 'ok', 'okay', 'yes', 'yeah', 'sure', 'great', 'good',
  'cool', 'nice', 'continue', 'ahead', 'proceed', 'again',
];

// Keywords that also name an idea when they are part of a name (`noDefaultExport`, `isPublic`,
// `importMap`, `asyncHandler`) and when a question says them ("default exports", "public API").
const MEANINGFUL_KEYWORDS = ['abstract', 'async', 'catch', 'default', 'export', 'extends', 'implements', 'import', 'package', 'private', 'protected', 'public', 'readonly', 'static', 'switch', 'throw', 'yield'];

const INDEX_STOPWORDS = new Set(CODE_KEYWORDS);
// Inside a compound name only English glue and the keywords above that say nothing are dropped.
const COMPOUND_STOPWORDS = new Set(CODE_KEYWORDS.filter((word) => !MEANINGFUL_KEYWORDS.includes(word)));
const QUERY_STOPWORDS = new Set([...COMPOUND_STOPWORDS, ...QUESTION_WORDS]);

const isUpper = (code: number) => code >= 65 && code <= 90;
const isLower = (code: number) => code >= 97 && code <= 122;
const isDigit = (code: number) => code >= 48 && code <= 57;

/**
 * `parseHTTPResponse_v2` → `['parse', 'http', 'response', 'v2']`: lower-cased parts split at
 * separators and case changes; digits stay glued to the word before them (`utf8`, `sha256`).
 * A character loop, not regexes: the indexer calls this for every new identifier.
 */
export function splitIdentifier(identifier: string): string[] {
  const lower = identifier.toLowerCase();
  const parts: string[] = [];
  let start = -1;
  for (let index = 0; index < identifier.length; index++) {
    const code = identifier.charCodeAt(index);
    let boundary = -1; // where the current part ends, if it ends here
    let next = -1; // where the next part starts
    if (isLower(code)) {
      // `HTTPResponse`: the capital before a lower-case letter starts the next word.
      if (start >= 0 && index - start >= 2 && isUpper(identifier.charCodeAt(index - 1)) && isUpper(identifier.charCodeAt(index - 2))) {
        boundary = index - 1;
        next = index - 1;
      } else if (start < 0) next = index;
    } else if (isUpper(code)) {
      const previous = identifier.charCodeAt(index - 1);
      if (start >= 0 && (isLower(previous) || isDigit(previous))) boundary = index;
      if (start < 0 || boundary >= 0) next = index;
    } else if (isDigit(code)) {
      if (start < 0) next = index;
    } else if (start >= 0) {
      boundary = index;
    }
    if (boundary >= 0 && start >= 0) {
      parts.push(lower.slice(start, boundary));
      start = -1;
    }
    if (next >= 0) start = next;
  }
  if (start >= 0) parts.push(lower.slice(start));
  return parts;
}

function hasVowel(word: string, end: number): boolean {
  for (let index = 0; index < end; index++) {
    const code = word.charCodeAt(index);
    if (code === 97 || code === 101 || code === 105 || code === 111 || code === 117 || code === 121) return true;
  }
  return false;
}

const isVowelChar = (char: string) => 'aeiouy'.includes(char);

/**
 * A light suffix stemmer: plural, -ing, -ed and a final -e, so `parse`, `parsed`, `parsing` and
 * `parses` meet. Deliberately crude: it only has to be consistent between index and query.
 */
export function stemWord(word: string): string {
  let stem = word;
  const length = stem.length;
  if (length > 4 && stem.endsWith('ies')) stem = stem.slice(0, -3) + 'y';
  else if (length > 4 && stem.endsWith('es') && (stem.endsWith('sses') || stem.endsWith('xes') || stem.endsWith('zes') || stem.endsWith('ches') || stem.endsWith('shes')))
    stem = stem.slice(0, -2);
  else if (length > 3 && stem.endsWith('s') && !stem.endsWith('ss') && !stem.endsWith('us') && !stem.endsWith('is')) stem = stem.slice(0, -1);

  let stripped = false;
  if (stem.length > 5 && stem.endsWith('ing') && hasVowel(stem, stem.length - 3)) {
    stem = stem.slice(0, -3);
    stripped = true;
  } else if (stem.length > 4 && stem.endsWith('ed') && hasVowel(stem, stem.length - 2)) {
    stem = stem.slice(0, -2);
    stripped = true;
  }
  if (stripped && stem.length > 3) {
    const last = stem.charAt(stem.length - 1);
    if (last === stem.charAt(stem.length - 2) && last !== 'l' && last !== 's' && last !== 'z' && !isVowelChar(last)) stem = stem.slice(0, -1);
  }
  if (stem.length > 4 && stem.endsWith('e')) stem = stem.slice(0, -1);
  return stem;
}

function isUsefulPart(part: string, stopwords: Set<string>): boolean {
  return part.length >= 2 && !stopwords.has(part) && !isDigit(part.charCodeAt(0));
}

/**
 * Index terms for one identifier: its stemmed parts, plus the whole lower-cased identifier when it is
 * compound (so typing `forceKillAfterDelay` finds exactly that, and `kill` still finds it too).
 */
export function identifierTerms(identifier: string, stopwords?: Set<string>): string[] {
  const split = splitIdentifier(identifier);
  const skip = stopwords ?? (split.length > 1 ? COMPOUND_STOPWORDS : INDEX_STOPWORDS);
  const parts = split.filter((part) => isUsefulPart(part, skip));
  const terms = parts.map(stemWord);
  if (parts.length > 1) terms.push(parts.join(''));
  return terms;
}

/** The words of one path segment (`fetch-with-retry` → fetch, with, retry), stemmed: how paths meet questions. */
export function segmentStems(segment: string): string[] {
  return splitIdentifier(segment).filter((part) => part.length >= 2).map(stemWord);
}

export function isQueryStopword(word: string): boolean {
  return QUERY_STOPWORDS.has(word.toLowerCase());
}

export { INDEX_STOPWORDS, QUERY_STOPWORDS };

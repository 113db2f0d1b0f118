import { describe, expect, it } from 'vitest';
import { definitionNames, deriveSearchTerms, hasSearchTerms } from '../../src/context/query/derive-search-terms.js';
import { alternationOf, escapeRegex } from '../../src/context/query/escape-regex.js';
import { identifierTerms, splitIdentifier, stemWord } from '../../src/context/query/text-tokens.js';
import { translatePhrases, translateWord } from '../../src/context/query/translate-everyday-words.js';

describe('splitIdentifier', () => {
  it.each([
    ['parseHTTPResponse_v2', ['parse', 'http', 'response', 'v2']],
    ['forceKillAfterDelay', ['force', 'kill', 'after', 'delay']],
    ['MAX_RETRIES', ['max', 'retries']],
    ['XMLHttpRequest', ['xml', 'http', 'request']],
    ['$ZodError', ['zod', 'error']],
    ['utf8Decode', ['utf8', 'decode']],
  ])('%s', (identifier, parts) => {
    expect(splitIdentifier(identifier)).toEqual(parts);
  });
});

describe('stemWord', () => {
  it('makes inflections of one word meet', () => {
    expect(new Set(['parse', 'parsed', 'parsing', 'parses'].map(stemWord)).size).toBe(1);
    expect(new Set(['retry', 'retries'].map(stemWord)).size).toBe(1);
    expect(new Set(['timeout', 'timeouts'].map(stemWord)).size).toBe(1);
  });
});

describe('deriveSearchTerms', () => {
  it('keeps identifiers as written for grep and symbol lookup, and splits them for ranking', () => {
    const terms = deriveSearchTerms('Why does computeRetryDelay ignore the Retry-After header?');
    expect(terms.identifiers).toContain('computeRetryDelay');
    const stems = terms.terms.filter((term) => term.weight === 1).map((term) => term.term);
    expect(stems).toEqual(expect.arrayContaining([...['compute', 'retry', 'delay', 'header'].map(stemWord), 'computeretrydelay']));
    // Question words are not search terms.
    expect(stems).not.toContain('why');
    expect(stems).not.toContain('doe');
  });

  it('adds synonyms at a lower weight than the user words', () => {
    const terms = deriveSearchTerms('how do we delete expired sessions');
    const remove = terms.terms.find((term) => term.term === stemWord('remove'));
    expect(remove?.weight).toBeGreaterThan(0);
    expect(remove?.weight).toBeLessThan(1);
  });

  it('keeps keywords that name an idea, in questions and inside names ("default exports" ↔ noDefaultExport)', () => {
    const terms = deriveSearchTerms('Which lint rule forbids default exports?').terms.map((term) => term.term);
    expect(terms).toEqual(expect.arrayContaining(['default', 'export']));
    expect(identifierTerms('noDefaultExport')).toEqual(expect.arrayContaining(['default', 'export']));
    // A keyword on its own is still code, not a word about it; glue inside names is still dropped.
    expect(identifierTerms('default')).toEqual([]);
    expect(identifierTerms('isReady')).toEqual(['ready']);
  });

  it('translates everyday words into the words code uses, below the user\'s own words', () => {
    const terms = deriveSearchTerms('How does the server shrink replies before sending them?').terms;
    const compress = terms.find((term) => term.term === 'compress');
    expect(compress).toMatchObject({ translates: 'shrink' });
    expect(compress?.weight).toBeLessThan(1);
    expect(terms.find((term) => term.term === 'shrink')).toMatchObject({ weight: 1, translates: undefined });
  });

  it('leaves out what the user says they do not mean (", not X", "(not X)", "rather than X")', () => {
    const pair = deriveSearchTerms("The Pair node class in the yaml package, not lodash's toPairs: what does it hold?");
    expect(pair.identifiers).not.toContain('toPairs');
    expect(pair.terms.map((term) => term.term)).not.toContain('lodash');
    expect(pair.terms.map((term) => term.term)).toContain('pair');
    expect(pair.question).toContain('toPairs'); // semantic search still reads the whole question
    const printer = deriveSearchTerms('how does it print a document back to text (not `printSchema`)?');
    expect(printer.identifiers).toEqual([]);
    expect(deriveSearchTerms('use merge rather than assign').terms.map((term) => term.term)).not.toContain('assign');
    // "not" inside a clause asks about that very thing.
    expect(deriveSearchTerms('Why does the client not retry?').terms.map((term) => term.term)).toContain('retry');
    // A message that is nothing but an exclusion still searches for its words.
    expect(deriveSearchTerms('(not `legacyAuth`)').identifiers).toEqual(['legacyAuth']);
  });

  it('collects file paths the user mentions', () => {
    expect(deriveSearchTerms('look at src/http/client.ts and retry-policy.ts').paths).toEqual(['src/http/client.ts', 'retry-policy.ts']);
  });

  it('finds nothing to search for in small talk', () => {
    expect(hasSearchTerms(deriveSearchTerms('say hi'))).toBe(false);
    expect(hasSearchTerms(deriveSearchTerms('ok, go ahead'))).toBe(false);
    expect(hasSearchTerms(deriveSearchTerms('where is the lexer?'))).toBe(true);
  });

  it('handles regex metacharacters in the message without treating them as a pattern', () => {
    const terms = deriveSearchTerms('why does `foo.*(bar)` crash with [a-z]+ and $HOME?');
    expect(terms.identifiers.every((identifier) => /^[\w$.]+$/.test(identifier))).toBe(true);
  });
});

describe('deriveSearchTerms on any text', () => {
  it('searches a backticked command-line flag as written and as the identifier it becomes in code', () => {
    const terms = deriveSearchTerms('what does `--dry-run` do?');
    expect(terms.identifiers).toContain('dry-run');
    expect(terms.terms.map((term) => term.term)).toContain('dryrun');
  });

  it('looks up a backticked two-letter name as a definition, but not a two-letter word', () => {
    expect(definitionNames(deriveSearchTerms("what does semver's `gt` compare?"))).toEqual(['gt']);
    expect(deriveSearchTerms('is gt faster than lt?').identifiers).toEqual([]);
  });

  it('does not search for stand-ins such as "something" or "anyone"', () => {
    const stems = deriveSearchTerms('do I have to switch something on so anyone can use maps?').terms.map((term) => term.term);
    expect(stems).toEqual(expect.arrayContaining(['switch', 'map']));
    expect(stems.filter((stem) => stem.startsWith('some') || stem.startsWith('any'))).toEqual([]);
  });

  it('turns punctuation-only questions and one-letter flags into literal grep strings', () => {
    expect(deriveSearchTerms('???').literals).toEqual(['???']);
    expect(deriveSearchTerms('what is `-m`?').literals).toEqual(['-m']);
    expect(hasSearchTerms(deriveSearchTerms('::'))).toBe(true);
    // Words, even stopwords only, are small talk rather than literals.
    expect(deriveSearchTerms('say hi').literals).toEqual([]);
  });

  it('reads a pasted stack trace: the error type, the functions and the files', () => {
    const terms = deriveSearchTerms(
      "TypeError: Cannot read properties of undefined (reading 'map')\n    at renderList (src/ui/list.ts:42:17)\n    at process (node:internal/process:1:1)",
    );
    expect(terms.identifiers).toEqual(expect.arrayContaining(['TypeError', 'renderList']));
    expect(terms.paths).toContain('src/ui/list.ts');
  });

  it('keeps non-English words (and CJK runs) as search words', () => {
    expect(deriveSearchTerms('как работает кэш').keywords).toEqual(expect.arrayContaining(['работает', 'кэш']));
    expect(deriveSearchTerms('セッションはどこに保存されますか').keywords).toEqual(['セッション', '保存']);
    expect(deriveSearchTerms('Wo wird die Sitzung gespeichert?').keywords).toContain('sitzung');
  });

  it('keeps the head and the tail of a very long paste, and ignores data-sized words', () => {
    const terms = deriveSearchTerms(`parseConfig fails\n${'x'.repeat(50_000)}\n${'lorem ipsum '.repeat(2_000)}\nwhy does loadSettings throw?`);
    expect(terms.identifiers).toEqual(expect.arrayContaining(['parseConfig', 'loadSettings']));
    expect(terms.keywords.every((word) => word.length <= 64)).toBe(true);
  });

  it('greps numbers such as ports and status codes', () => {
    expect(deriveSearchTerms('what listens on port 8080?').keywords).toContain('8080');
  });
});

describe('escapeRegex', () => {
  it('turns user text into a literal that JavaScript matches exactly', () => {
    const text = 'a.b*c+(d)|[e]{f}^g$h#i&j-k~l\\m?';
    const pattern = new RegExp(escapeRegex(text));
    expect(pattern.test(`xx${text}yy`)).toBe(true);
    expect(pattern.test('aXb*c')).toBe(false);
  });

  it('joins literals into one alternation', () => {
    const pattern = new RegExp(alternationOf(['retry.after', 'a|b']));
    expect(pattern.test('retry.after')).toBe(true);
    expect(pattern.test('retryXafter')).toBe(false);
    expect(pattern.test('a|b')).toBe(true);
    expect(pattern.test('a')).toBe(false);
  });
});

describe('identifierTerms', () => {
  it('indexes a compound identifier whole as well as by its parts', () => {
    expect(identifierTerms('getRequestIP')).toEqual([...['get', 'request', 'ip'].map(stemWord), 'getrequestip']);
  });
});

describe('everyday phrases', () => {
  it('translates phrases made of words the query otherwise drops ("try again" → retry), by stem', () => {
    const terms = deriveSearchTerms('What happens when a payment fails, do we try again later?').terms;
    expect(terms.find((term) => term.term === 'retry')?.weight).toBeGreaterThan(0);
    expect(terms.find((term) => term.term === 'retry')?.weight).toBeLessThan(1);
    expect(translatePhrases('we turned off the cache for now').map((phrase) => phrase.from)).toEqual(['turn off', 'for now']);
    expect(translatePhrases('nothing to see here')).toEqual([]);
  });

  it('reaches a compound name as the index holds it, whole and unstemmed', () => {
    expect(translateWord(stemWord('shrink'))?.terms).toEqual(expect.arrayContaining(['compress']));
    const joined = translatePhrases('give up after a while').flatMap((phrase) => phrase.terms);
    expect(joined.length).toBeGreaterThan(0);
    for (const term of joined) expect(term).toMatch(/^[a-z0-9]+$/);
  });
});

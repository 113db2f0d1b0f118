import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { PLAIN_WORDS_TO_CODE_TERMS } from '../../src/context/query/plain-words-to-code-terms.js';
import { isQueryStopword, stemWord } from '../../src/context/query/text-tokens.js';

const table = PLAIN_WORDS_TO_CODE_TERMS;
const keys = Object.keys(table);
const termsFor = (word: string): readonly string[] => (Object.hasOwn(table, word) ? table[word]! : []);

describe('PLAIN_WORDS_TO_CODE_TERMS', () => {
  it('lists each everyday word once in the source (a repeated key would silently replace the first)', () => {
    const source = readFileSync(new URL('../../src/context/query/plain-words-to-code-terms.ts', import.meta.url), 'utf8');
    const written = [...source.matchAll(/^\s+([a-z0-9_]+): \[/gm)].map((match) => match[1]);
    expect(written.length).toBe(keys.length);
    expect(written.filter((key, index) => written.indexOf(key) !== index)).toEqual([]);
  });

  it('keys are single lower-case words the query keeps, and no two share a stem', () => {
    expect(keys.filter((key) => !/^[a-z]+$/.test(key))).toEqual([]);
    // A stopword key could never be looked up: the query drops the word before expansion.
    expect(keys.filter((key) => isQueryStopword(key))).toEqual([]);
    const byStem = new Map<string, string[]>();
    for (const key of keys) byStem.set(stemWord(key), [...(byStem.get(stemWord(key)) ?? []), key]);
    expect([...byStem.values()].filter((group) => group.length > 1)).toEqual([]);
  });

  it('maps every word to 1–6 code terms of [a-z0-9]+, none of them the word itself or a repeat once stemmed', () => {
    // The retriever compares stems: `retries` under `retry` or `chunks` beside `chunk` would add nothing.
    const malformed = Object.entries(table).filter(
      ([key, terms]) =>
        terms.length < 1 ||
        terms.length > 6 ||
        new Set([key, ...terms].map(stemWord)).size !== terms.length + 1 ||
        terms.some((term) => !/^[a-z0-9]+$/.test(term)),
    );
    expect(malformed).toEqual([]);
  });

  it('is large enough to matter', () => {
    expect(keys.length).toBeGreaterThanOrEqual(500);
  });

  it.each([
    ['shrink', 'compress'],
    ['pieces', 'chunk'],
    ['genuine', 'signature'],
    ['genuine', 'verify'],
    ['expire', 'ttl'],
    ['leftover', 'remainder'],
    ['forbid', 'deny'],
    ['overlap', 'intersect'],
    ['duplicate', 'dedupe'],
    ['maximum', 'max'],
    ['money', 'amount'],
    ['slow', 'latency'],
  ])('a user who types "%s" reaches code that says `%s`', (word, term) => {
    expect(termsFor(word)).toContain(term);
  });

  it('names no vendor for an everyday word ("money" is amounts and currency, not a payment provider)', () => {
    expect(termsFor('money')).not.toContain('stripe');
    expect(termsFor('cloud')).toEqual([]);
  });

  it('has no inherited entries and cannot be changed', () => {
    expect(termsFor('constructor')).toEqual([]);
    expect((table as Record<string, unknown>)['constructor']).toBeUndefined();
    expect(Object.isFrozen(table)).toBe(true);
  });
});

import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { PLAIN_PHRASES_TO_CODE_TERMS } from '../../src/context/query/plain-phrases-to-code-terms.js';
import { identifierTerms, isQueryStopword, stemWord } from '../../src/context/query/text-tokens.js';

const table = PLAIN_PHRASES_TO_CODE_TERMS;
const keys = Object.keys(table);
const termsFor = (phrase: string): readonly string[] => (Object.hasOwn(table, phrase) ? table[phrase]! : []);
const stemsOf = (phrase: string): string => phrase.split(' ').map(stemWord).join(' ');

describe('PLAIN_PHRASES_TO_CODE_TERMS', () => {
  it('lists each phrase once in the source (a repeated key would silently replace the first)', () => {
    const source = readFileSync(new URL('../../src/context/query/plain-phrases-to-code-terms.ts', import.meta.url), 'utf8');
    const written = [...source.matchAll(/^\s+'([^']+)': \[/gm)].map((match) => match[1]);
    expect(written.length).toBe(keys.length);
    expect(written.filter((key, index) => written.indexOf(key) !== index)).toEqual([]);
  });

  it('keys are 2–4 lower-case words separated by single spaces, and no two are the same once stemmed', () => {
    expect(keys.filter((key) => !/^[a-z]+( [a-z]+){1,3}$/.test(key))).toEqual([]);
    // "send back" and "sends back" would be one phrase to a matcher that compares stems.
    const byStems = new Map<string, string[]>();
    for (const key of keys) byStems.set(stemsOf(key), [...(byStems.get(stemsOf(key)) ?? []), key]);
    expect([...byStems.values()].filter((group) => group.length > 1)).toEqual([]);
  });

  it('maps every phrase to 1–6 code terms of [a-z0-9]+, no two of them the same once stemmed', () => {
    const malformed = Object.entries(table).filter(
      ([, terms]) =>
        terms.length < 1 ||
        terms.length > 6 ||
        new Set(terms.map(stemWord)).size !== terms.length ||
        terms.some((term) => !/^[a-z][a-z0-9]*$/.test(term)),
    );
    expect(malformed).toEqual([]);
  });

  it('adds only words the query does not already search: no term repeats a word of its phrase the query keeps', () => {
    // "keep track of" → `track` adds nothing, the query searches `track` already; "all at once" → `all`
    // does add something, because the query drops "all" as a question word.
    const repeats = Object.entries(table).flatMap(([phrase, terms]) => {
      const kept = new Set(phrase.split(' ').filter((word) => !isQueryStopword(word)).map(stemWord));
      return terms.filter((term) => kept.has(stemWord(term))).map((term) => `${phrase} → ${term}`);
    });
    expect(repeats).toEqual([]);
  });

  it('maps only to words the index keeps inside a name (`return`, `await`, `null` are never index terms)', () => {
    const capitalized = (term: string) => term.charAt(0).toUpperCase() + term.slice(1);
    const dropped = Object.values(table)
      .flat()
      .filter((term) => !identifierTerms(`keep${capitalized(term)}`).includes(stemWord(term)));
    expect([...new Set(dropped)]).toEqual([]);
  });

  it('is large enough to matter and small enough to review', () => {
    expect(keys.length).toBeGreaterThanOrEqual(250);
    expect(keys.length).toBeLessThanOrEqual(500);
  });

  it.each([
    ['try again', 'retry'],
    ['turn off', 'disable'],
    ['turn on', 'enable'],
    ['send back', 'refund'],
    ['at the same time', 'concurrent'],
    ['one at a time', 'sequential'],
    ['all at once', 'batch'],
    ['in a row', 'consecutive'],
    ['time out', 'timeout'],
    ['fall back', 'fallback'],
    ['look up', 'lookup'],
    ['keep track of', 'registry'],
    ['make sure', 'ensure'],
    ['give up', 'abort'],
    ['every few seconds', 'interval'],
    ['on startup', 'init'],
    ['in the background', 'worker'],
    ['out of date', 'stale'],
    ['too many', 'ratelimit'],
    ['at most', 'max'],
    ['no more than', 'limit'],
    ['fill in', 'default'],
  ])('a user who types "%s" reaches code that says `%s`', (phrase, term) => {
    expect(termsFor(phrase)).toContain(term);
  });

  it('names no vendor or project: everyday phrases map to generic code words', () => {
    const vendors = [
      'stripe', 'paypal', 'aws', 'azure', 'gcp', 'google', 'github', 'slack', 'twilio', 'redis', 'kafka', 'postgres',
      'mysql', 'mongo', 'react', 'express', 'lodash', 'docker', 'kubernetes', 'nginx', 'node', 'git', 'sentry', 'faker',
    ];
    const named = Object.entries(table).filter(([, terms]) => terms.some((term) => vendors.includes(term)));
    expect(named).toEqual([]);
    expect(termsFor('pay for')).toEqual(expect.arrayContaining(['payment', 'checkout']));
  });

  it('has no inherited entries and cannot be changed', () => {
    expect(termsFor('constructor')).toEqual([]);
    expect((table as Record<string, unknown>)['constructor']).toBeUndefined();
    expect(Object.getPrototypeOf(table)).toBeNull();
    expect(Object.isFrozen(table)).toBe(true);
  });
});

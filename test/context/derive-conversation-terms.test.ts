import { describe, expect, it } from 'vitest';
import { deriveConversationTerms } from '../../src/context/query/derive-conversation-terms.js';
import { definitionNames, deriveSearchTerms } from '../../src/context/query/derive-search-terms.js';
import { stemWord } from '../../src/context/query/text-tokens.js';

const weightOf = (terms: ReturnType<typeof deriveConversationTerms>, word: string) => terms.terms.find((term) => term.term === stemWord(word))?.weight;

describe('deriveConversationTerms', () => {
  it('reads a short follow-up together with the previous question, at a lower weight', () => {
    const terms = deriveConversationTerms(['How does `SessionStore` cache the user sessions?', 'and where is it invalidated?']);
    expect(weightOf(terms, 'invalidated')).toBe(1);
    expect(weightOf(terms, "cache")).toBeLessThan(1);
    expect(terms.identifiers).toEqual(expect.arrayContaining(['SessionStore']));
    expect(terms.question).toContain('invalidated');
    expect(terms.question).toContain('SessionStore');
  });

  it('looks up as definitions only what the latest message names: a follow-up is often about a neighbour', () => {
    const terms = deriveConversationTerms(['What does `maxSatisfying` return?', 'Is there one like it for `minSatisfying`?']);
    expect(terms.identifiers).toEqual(['minSatisfying', 'maxSatisfying']); // both are grep terms
    expect(definitionNames(terms)).toEqual(['minSatisfying']);
    expect(definitionNames(deriveConversationTerms(['What does `maxSatisfying` return?', 'and is it tested?']))).toEqual([]);
  });

  it('inherits file paths named earlier in the thread', () => {
    const terms = deriveConversationTerms(['look at src/http/client.ts please', 'why does it retry twice?']);
    expect(terms.paths).toContain('src/http/client.ts');
  });

  it('reads a self-contained question with the thread too, its own words leading', () => {
    const question = 'How are payment webhooks verified against the provider signature header?';
    const terms = deriveConversationTerms(['where is the `SessionStore` cache?', question]);
    const own = deriveSearchTerms(question);
    for (const { term, weight } of own.terms) expect(terms.terms.find((other) => other.term === term)?.weight).toBe(weight);
    expect(weightOf(terms, 'cache')).toBe(0.5);
    // The latest message's identifiers come first; the thread's follow.
    expect(terms.identifiers).toEqual([...own.identifiers, 'SessionStore']);
  });

  it('weighs the message before the previous one less, and a terse follow-up leans on the thread more', () => {
    const long = deriveConversationTerms(['where is the cache?', 'how are tokens refreshed?', 'what does the webhook handler verify?']);
    expect(weightOf(long, 'tokens')).toBe(0.5);
    expect(weightOf(long, 'cache')).toBe(0.25);
    const terse = deriveConversationTerms(['how are tokens refreshed?', 'and invalidated?']);
    expect(weightOf(terse, 'tokens')).toBeGreaterThan(0.5);
  });

  it('keeps small talk without a query, and is deterministic', () => {
    expect(deriveConversationTerms(['where is the cache?', 'thanks, go ahead']).terms).toEqual([]);
    const conversation = ['where is the retry policy?', 'and the tests for it?'];
    expect(deriveConversationTerms(conversation)).toEqual(deriveConversationTerms(conversation));
  });
});

import { describe, expect, it } from 'vitest';
import { deriveConversationTerms } from '../../src/context/query/derive-conversation-terms.js';
import { deriveSearchTerms } from '../../src/context/query/derive-search-terms.js';
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

  it('inherits file paths named earlier in the thread', () => {
    const terms = deriveConversationTerms(['look at src/http/client.ts please', 'why does it retry twice?']);
    expect(terms.paths).toContain('src/http/client.ts');
  });

  it('leaves a self-contained question alone', () => {
    const question = 'How are payment webhooks verified against the provider signature header?';
    expect(deriveConversationTerms(['where is the cache?', question])).toEqual(deriveSearchTerms(question));
  });

  it('keeps small talk without a query, and is deterministic', () => {
    expect(deriveConversationTerms(['where is the cache?', 'thanks, go ahead']).terms).toEqual([]);
    const conversation = ['where is the retry policy?', 'and the tests for it?'];
    expect(deriveConversationTerms(conversation)).toEqual(deriveConversationTerms(conversation));
  });
});

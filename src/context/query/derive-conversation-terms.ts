import { deriveSearchTerms, hasSearchTerms, type SearchTerms, type WeightedTerm } from './derive-search-terms.js';

/**
 * Earlier messages count less the further back they are: the previous one half, the one before a
 * quarter; a message of one or two words of its own ("and who calls it?") leans on them more.
 */
const EARLIER_WEIGHTS = [0.5, 0.25];
const TERSE_EARLIER_WEIGHTS = [0.8, 0.4];
const TERSE_MESSAGE_TERMS = 2;
const MAX_QUESTION = 1_000;

/** Content terms of one message (its own words, not synonyms). */
const ownTerms = (terms: SearchTerms) => terms.terms.filter((term) => term.weight >= 1).length;

/**
 * Search terms for the latest user message of a conversation (messages oldest first), read with the
 * previous user messages of the thread at a lower weight, inheriting the identifiers and file paths
 * they named. Always, not only for messages that look like follow-ups: whether "make it configurable"
 * refers back cannot be told from its wording, and the latest message's own words (full weight)
 * still lead when it is self-contained. Pure and deterministic: the same conversation always yields
 * the same terms (the turn's block is computed once and injected byte-identically).
 */
export function deriveConversationTerms(userMessages: readonly string[]): SearchTerms {
  const latestText = userMessages.at(-1) ?? '';
  const latest = deriveSearchTerms(latestText);
  const earlierTexts = userMessages.slice(0, -1).slice(-EARLIER_WEIGHTS.length).reverse();
  // Small talk ("thanks", "go ahead") stays without a query: the previous turn's block is still in the prompt.
  if (earlierTexts.length === 0 || !hasSearchTerms(latest)) return latest;

  const weights = new Map<string, number>(latest.terms.map(({ term, weight }) => [term, weight]));
  // A term stays a translation only while no message has it as its own word.
  const translates = new Map<string, string>();
  const noteTranslation = ({ term, translates: word }: WeightedTerm, isNew: boolean) => {
    if (!word) translates.delete(term);
    else if (isNew) translates.set(term, word);
  };
  for (const term of latest.terms) noteTranslation(term, true);
  const identifiers = [...latest.identifiers];
  const keywords = [...latest.keywords];
  const paths = [...latest.paths];
  const questions = [latest.question];
  earlierTexts.forEach((text, back) => {
    const earlier = deriveSearchTerms(text);
    const factor = (ownTerms(latest) <= TERSE_MESSAGE_TERMS ? TERSE_EARLIER_WEIGHTS : EARLIER_WEIGHTS)[back] ?? 0;
    for (const entry of earlier.terms) {
      noteTranslation(entry, !weights.has(entry.term));
      weights.set(entry.term, Math.max(weights.get(entry.term) ?? 0, entry.weight * factor));
    }
    for (const identifier of earlier.identifiers) if (!identifiers.includes(identifier)) identifiers.push(identifier);
    for (const keyword of earlier.keywords) if (!keywords.includes(keyword)) keywords.push(keyword);
    for (const path of earlier.paths) if (!paths.includes(path)) paths.push(path);
    questions.push(earlier.question);
  });
  const terms: WeightedTerm[] = [...weights].map(([term, weight]) => ({ term, weight, translates: translates.get(term) }));
  return {
    question: questions.join(' ').slice(0, MAX_QUESTION),
    identifiers: identifiers.slice(0, latest.identifiers.length + 4),
    ownIdentifiers: latest.identifiers.length,
    keywords: keywords.slice(0, latest.keywords.length + 6),
    terms,
    paths,
    literals: latest.literals,
  };
}

import { TextEmbedderError, type TextEmbedder } from '../../../src/context/embed/text-embedder.js';

/**
 * A controlled embedding model: one dimension per concept, counted from a small word table, so texts
 * about "the previous value" and `pairwise` point the same way without sharing a word. A last, constant
 * dimension keeps every vector non-zero.
 */
const CONCEPTS: string[][] = [
  ['pairwise', 'pair', 'pairs', 'previous', 'before', 'prior', 'last', 'together', 'adjacent', 'consecutive'],
  ['retry', 'retries', 'backoff', 'attempt', 'again', 'delay'],
  ['cache', 'cached', 'lru', 'evict', 'memo'],
  ['parse', 'json', 'decode', 'syntax'],
  ['debounce', 'quiet', 'idle', 'settle'],
];

export function conceptVector(text: string): number[] {
  const words = text.toLowerCase().match(/[a-z]+/g) ?? [];
  const vector = CONCEPTS.map((concept) => words.filter((word) => concept.includes(word)).length);
  return [...vector, 0.05];
}

export interface RecordingEmbedder extends TextEmbedder {
  /** Every call's texts, in order. */
  calls: string[][];
}

/** An embedder that records every call's texts, answering with `answer`. */
function recordingEmbedder(model: string, answer: (texts: readonly string[]) => number[][]): RecordingEmbedder {
  const calls: string[][] = [];
  return {
    model,
    calls,
    embed: async (texts) => {
      calls.push([...texts]);
      return answer(texts);
    },
  };
}

export const conceptEmbedder = (model = 'concept-embed') => recordingEmbedder(model, (texts) => texts.map(conceptVector));

/** A model the backend does not have: every call fails the way a missing model does. */
export const missingModelEmbedder = (model = 'not-pulled') =>
  recordingEmbedder(model, () => {
    throw new TextEmbedderError(`Model "${model}" is not available. Pull it with: ollama pull ${model}`, { permanent: true });
  });

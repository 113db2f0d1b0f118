import { countTokens } from './tokenizer.js';

/**
 * Prompt-size estimates, to answer `context_length_exceeded` instead of letting a server cut the
 * oldest messages. The tokenizer is not the model's own, so these are estimates; honest enough to
 * catch real overflows, and Codex compacts at ~90 % of the window long before.
 *
 * Tokenizing costs ~3 ms per 20 KB, and Codex resends the whole history on every request, so counts
 * are cached per string, short strings are bounded by their length, and nothing is tokenized when a
 * byte bound already proves the prompt fits.
 */

const PER_MESSAGE_OVERHEAD = 4; // role markers and separators in chat templates
const PER_IMAGE_TOKENS = 768; // a typical vision encoder's patch count; images are not text
const CACHE_LIMIT = 4096;
// Keyed by length, then compared: a Map<string> would hash the whole string on every lookup, and the
// system prompt alone is ~30 KB on every request. Comparing equal-length strings is a memcmp.
const cache = new Map<number, Array<{ text: string; count: number }>>();
const cacheOrder: Array<{ length: number; text: string }> = [];

export function countTextTokens(text: string): number {
  if (text.length < 32) return Math.ceil(text.length / 2);
  const bucket = cache.get(text.length);
  const hit = bucket?.find((entry) => entry.text === text);
  if (hit) return hit.count;
  const count = countTokens(text);
  if (cacheOrder.length >= CACHE_LIMIT) evictOldest();
  if (bucket) bucket.push({ text, count });
  else cache.set(text.length, [{ text, count }]);
  cacheOrder.push({ length: text.length, text });
  return count;
}

function evictOldest(): void {
  const oldest = cacheOrder.shift()!;
  const bucket = cache.get(oldest.length)!;
  bucket.splice(bucket.findIndex((entry) => entry.text === oldest.text), 1);
  if (bucket.length === 0) cache.delete(oldest.length);
}

/** The texts a backend will render into the prompt, plus what is not text. */
export interface PromptParts {
  texts: readonly string[];
  messages: number;
  images: number;
}

/** Cheap bounds first: a token is at least one byte, and rarely more than eight characters. */
export function estimateTokens(parts: PromptParts, window: number): number {
  const fixed = parts.messages * PER_MESSAGE_OVERHEAD + parts.images * PER_IMAGE_TOKENS;
  let characters = 0;
  for (const text of parts.texts) characters += text.length;
  // Every UTF-16 unit is at most 3 UTF-8 bytes; below the window even then, it surely fits.
  if (fixed + characters * 3 <= window) return fixed + Math.ceil(characters / 4);
  let tokens = fixed;
  for (const text of parts.texts) tokens += countTextTokens(text);
  return tokens;
}

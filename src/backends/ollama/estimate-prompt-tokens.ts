import { countTokens } from '../../tokens/tokenizer.js';
import type { OllamaChatRequest } from './ollama-api-types.js';

/**
 * An estimate of the prompt's size, to answer `context_length_exceeded` instead of letting Ollama cut
 * the oldest messages. gpt-tokenizer is not the model's own tokenizer, so this is an estimate; it is
 * honest enough to catch real overflows, and Codex compacts at ~90 % of the window long before.
 *
 * Tokenizing costs ~3 ms per 20 KB, and Codex resends the whole history on every request, so counts
 * are cached per string and short strings are bounded by their length instead of being tokenized.
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

/** Cheap bounds first: a token is at least one byte, and rarely more than eight characters. */
export function estimatePromptTokens(body: OllamaChatRequest, window: number): number {
  const texts: string[] = [];
  let images = 0;
  for (const message of body.messages) {
    texts.push(message.content);
    if (message.thinking) texts.push(message.thinking);
    if (message.tool_calls?.length) texts.push(JSON.stringify(message.tool_calls));
    images += message.images?.length ?? 0;
  }
  if (body.tools?.length) texts.push(JSON.stringify(body.tools));
  const fixed = body.messages.length * PER_MESSAGE_OVERHEAD + images * PER_IMAGE_TOKENS;

  let characters = 0;
  for (const text of texts) characters += text.length;
  // Every UTF-16 unit is at most 3 UTF-8 bytes; below the window even then, it surely fits.
  if (fixed + characters * 3 <= window) return fixed + Math.ceil(characters / 4);

  let tokens = fixed;
  for (const text of texts) tokens += countTextTokens(text);
  return tokens;
}

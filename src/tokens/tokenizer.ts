/**
 * Token counts for budgets and the prompt-size check. gpt-tokenizer builds its whole BPE table when it
 * is imported (~350 ms here), which every `codex-ctx` start would pay before Codex could open; so it
 * is loaded on demand, and the proxy starts loading it in the background once it listens (Codex's own
 * start-up hides the cost). It is not the local model's tokenizer: counts are estimates.
 */
import { countTokensBounded } from './count-tokens-bounded.js';

type CountTokens = (text: string) => number;

let count: CountTokens | undefined;
let loading: Promise<CountTokens> | undefined;

// cl100k rather than gpt-tokenizer's default o200k: half the load time (124 vs 252 ms here), counts
// within 1 % on our own sources, and local models' vocabularies (Llama 3: 128k, Qwen: 151k) are no
// closer to either.
export function loadTokenizer(): Promise<CountTokens> {
  return (loading ??= import('gpt-tokenizer/encoding/cl100k_base').then((module) => (count = module.countTokens)));
}

/**
 * Synchronous count, linear in the text and bounded (see count-tokens-bounded.ts); callers on an async
 * path `await loadTokenizer()` first (a no-op once loaded).
 */
export function countTokens(text: string): number {
  if (!count) throw new Error('codex-ctx internal error: token count requested before loadTokenizer() resolved');
  return countTokensBounded(text, count);
}

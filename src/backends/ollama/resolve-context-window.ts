import type { OllamaShowResponse } from './ollama-api-types.js';

/**
 * Ollama silently truncates prompts to its default window (4k, or 2k on older releases) unless every
 * request carries `options.num_ctx`. We pick one window per model and use it for every request, and
 * tell Codex the same number so it compacts before the window overflows.
 */

/** Large windows cost KV-cache memory per token; without an explicit choice we cap the default here. */
export const DEFAULT_MAX_NUM_CTX = 32_768;
/** Used only when Ollama does not report the model's window. */
export const FALLBACK_NUM_CTX = 8_192;

/** `model_info` holds `<architecture>.context_length` (e.g. `qwen3.context_length: 40960`). */
export function readModelContextLength(show: OllamaShowResponse): number | undefined {
  const info = show.model_info ?? {};
  const architecture = info['general.architecture'];
  const preferred = typeof architecture === 'string' ? info[`${architecture}.context_length`] : undefined;
  if (isPositiveInteger(preferred)) return preferred;
  for (const [key, value] of Object.entries(info)) {
    if (key.endsWith('.context_length') && isPositiveInteger(value)) return value;
  }
  return undefined;
}

/** A Modelfile `PARAMETER num_ctx N` is the model author's (or user's) own choice; honour it. */
export function readModelfileNumCtx(show: OllamaShowResponse): number | undefined {
  const match = /^\s*num_ctx\s+(\d+)\s*$/m.exec(show.parameters ?? '');
  const value = match?.[1] ? Number(match[1]) : undefined;
  return isPositiveInteger(value) ? value : undefined;
}

export function chooseNumCtx(options: {
  /** `--num-ctx` / config: wins, but never above the model's own maximum. */
  configured?: number | undefined;
  modelfile?: number | undefined;
  modelMax?: number | undefined;
  cap?: number | undefined;
}): number {
  const { configured, modelfile, modelMax } = options;
  const cap = options.cap ?? DEFAULT_MAX_NUM_CTX;
  const wanted = configured ?? modelfile ?? Math.min(modelMax ?? FALLBACK_NUM_CTX, cap);
  return modelMax ? Math.min(wanted, modelMax) : wanted;
}

export type ThinkingSupport = 'unsupported' | 'boolean' | 'levels';

/** Only send `think` to models that can; string levels only where Ollama accepts them (gpt-oss). */
export function readThinkingSupport(model: string, show: OllamaShowResponse): ThinkingSupport {
  if (!show.capabilities?.includes('thinking')) return 'unsupported';
  return /gpt-oss/i.test(model) ? 'levels' : 'boolean';
}

function isPositiveInteger(value: unknown): value is number {
  return typeof value === 'number' && Number.isInteger(value) && value > 0;
}

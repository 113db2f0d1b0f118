import type { Logger } from '../log/logger.js';
import type { ProxyError } from '../wire/openai-error.js';

export interface FittedPrompt<Prepared> {
  prepared: Prepared;
  promptTokens: number;
  /** The enriched prompt did not fit, so the client's own request is what goes out. */
  contextDropped: boolean;
}

/**
 * The one rule every backend applies before calling its server: prepare the enriched request; if it
 * is over the window, prepare the client's own request instead (the user's words matter more than our
 * context); if even that is over, throw the 400 `tooLong` builds. Both preparations are lazy because
 * the second one is a whole translation.
 */
export function fitPromptToWindow<Prepared>(options: {
  prepare: () => Prepared;
  prepareUnenriched: (() => Prepared) | undefined;
  countTokens: (prepared: Prepared) => number;
  contextWindow: number;
  logger: Logger;
  /** Said with the "context dropped" warning (model, backend). */
  logFields: Record<string, unknown>;
  tooLong: (promptTokens: number) => ProxyError;
}): FittedPrompt<Prepared> {
  let prepared = options.prepare();
  let promptTokens = options.countTokens(prepared);
  let contextDropped = false;
  if (promptTokens > options.contextWindow && options.prepareUnenriched) {
    options.logger.warn('context dropped: the enriched prompt would not fit the window', options.logFields);
    prepared = options.prepareUnenriched();
    promptTokens = options.countTokens(prepared);
    contextDropped = true;
  }
  if (promptTokens > options.contextWindow) throw options.tooLong(promptTokens);
  return { prepared, promptTokens, contextDropped };
}

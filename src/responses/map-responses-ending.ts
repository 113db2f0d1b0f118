/**
 * A finish reason (Ollama's `done_reason`: `stop`, `length`, `load`, `unload`; a chat server's
 * `finish_reason`; or absent) → how the Responses stream ends.
 * Only `length` is a cut answer: the context window or `num_predict` ran out, and saying so
 * (`response.incomplete`) is more honest than pretending the answer is complete.
 */
export type ResponsesEnding =
  | { status: 'completed' }
  | { status: 'incomplete'; incompleteDetails: { reason: 'max_output_tokens' } };

export function mapResponsesEnding(finishReason: string | undefined): ResponsesEnding {
  if (finishReason === 'length') return { status: 'incomplete', incompleteDetails: { reason: 'max_output_tokens' } };
  return { status: 'completed' };
}

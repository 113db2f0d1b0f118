import { ProxyError } from '../wire/openai-error.js';
import type { ResponsesRequest } from '../wire/responses-request-schema.js';

/**
 * Parameters that only mean something on a server that stores responses, conversations or prompts.
 * codex-ctx keeps none (`store` is accepted and ignored), so answering as if they had been applied
 * would silently drop the conversation they point at: a 400 naming the parameter says what to send.
 */
export function rejectStatefulResponsesParams(request: ResponsesRequest): void {
  const fields = request as ResponsesRequest & { previous_response_id?: unknown; conversation?: unknown; background?: unknown; prompt?: unknown };
  if (fields.previous_response_id != null) {
    throw unsupported('previous_response_id is not supported: codex-ctx stores no responses; send the earlier turns in `input`.', 'previous_response_id');
  }
  if (fields.conversation != null) {
    throw unsupported('conversation is not supported: codex-ctx stores no conversations; send the earlier turns in `input`.', 'conversation');
  }
  if (fields.background === true) {
    throw unsupported('background responses are not supported: codex-ctx cannot be polled later; stream the response instead (`stream: true`).', 'background');
  }
  if (fields.prompt != null) {
    throw unsupported('stored prompt templates (prompt) are not supported: send `instructions` and `input` instead.', 'prompt');
  }
}

/** OpenAI's own shape for a parameter a model or endpoint does not take. */
function unsupported(message: string, param: string): ProxyError {
  return new ProxyError({ status: 400, code: 'unsupported_parameter', param, message });
}

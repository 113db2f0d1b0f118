import type { ChatCompletionRequest } from '../../../wire/chat-request-schema.js';
import type { OllamaChatRequest, OllamaOptions, OllamaThink } from '../ollama-api-types.js';
import type { ThinkingSupport } from '../resolve-context-window.js';
import { mapReasoningEffortToThink } from '../responses/map-responses-options-to-ollama.js';

export interface MappedChatOptions {
  options: OllamaOptions;
  format?: OllamaChatRequest['format'];
  think?: OllamaThink;
  warnings: string[];
}

/**
 * Chat sampling, output format and reasoning fields → Ollama `options`, `format` and `think`.
 * `num_ctx` is always sent: without it Ollama silently truncates to its small default window.
 */
export function mapChatOptionsToOllama(
  request: ChatCompletionRequest,
  settings: { numCtx: number; thinking: ThinkingSupport },
): MappedChatOptions {
  const warnings: string[] = [];
  const options: OllamaOptions = { num_ctx: settings.numCtx };
  // max_tokens is deprecated in favour of max_completion_tokens; clients send either.
  const maxTokens = request.max_completion_tokens ?? request.max_tokens;
  if (maxTokens != null) options.num_predict = maxTokens;
  if (request.temperature != null) options.temperature = request.temperature;
  if (request.top_p != null) options.top_p = request.top_p;
  if (request.seed != null) options.seed = request.seed;
  if (request.frequency_penalty != null) options.frequency_penalty = request.frequency_penalty;
  if (request.presence_penalty != null) options.presence_penalty = request.presence_penalty;
  if (request.stop != null) options.stop = typeof request.stop === 'string' ? [request.stop] : request.stop;
  if (request.logprobs) warnings.push('logprobs are not available from Ollama native chat; answered with logprobs: null');

  const result: MappedChatOptions = { options, warnings };
  const format = request.response_format;
  if (format?.type === 'json_object') result.format = 'json';
  // Ollama constrains decoding to the schema itself; `name` and `strict` have no equivalent.
  else if (format?.type === 'json_schema') result.format = format.json_schema?.schema ?? 'json';
  else if (format && format.type !== 'text') warnings.push(`response_format type "${format.type}" is not supported by Ollama; ignored`);

  const think = mapReasoningEffortToThink(request.reasoning_effort, settings.thinking, warnings);
  if (think !== undefined) result.think = think;
  return result;
}

import type { CompletionRequest } from '../../../wire/completion-request-schema.js';
import { invalidRequest } from '../../../wire/openai-error.js';
import type { OllamaOptions } from '../ollama-api-types.js';
import type { OllamaGenerateRequest } from './ollama-generate-types.js';

/** `max_tokens` when a legacy completion request omits it (OpenAI's API reference). */
const OPENAI_DEFAULT_MAX_TOKENS = 16;

/**
 * A legacy completion → `/api/generate`. Without a suffix the prompt is sent `raw`: a completions
 * client laid out the text itself and expects it continued verbatim, not wrapped in a chat template.
 * With a suffix Ollama needs the model's template, which is where its fill-in-the-middle tokens live.
 */
export function convertCompletionRequestToOllama(
  request: CompletionRequest,
  settings: { numCtx: number; keepAlive?: string | number | undefined },
): OllamaGenerateRequest {
  const prompt = singlePrompt(request.prompt);
  if (request.n != null && request.n > 1) throw invalidRequest('n > 1 is not supported by the Ollama backend; send one request per choice.', 'n');
  if (request.best_of != null && request.best_of > 1) throw invalidRequest('best_of > 1 is not supported by the Ollama backend.', 'best_of');
  if (request.logprobs != null) throw invalidRequest('logprobs are not available from Ollama native generate.', 'logprobs');

  const options: OllamaOptions = { num_ctx: settings.numCtx };
  // OpenAI's legacy endpoint stops after 16 tokens unless told otherwise; `null` lifts the limit.
  if (request.max_tokens !== null) options.num_predict = request.max_tokens ?? OPENAI_DEFAULT_MAX_TOKENS;
  if (request.temperature != null) options.temperature = request.temperature;
  if (request.top_p != null) options.top_p = request.top_p;
  if (request.seed != null) options.seed = request.seed;
  if (request.frequency_penalty != null) options.frequency_penalty = request.frequency_penalty;
  if (request.presence_penalty != null) options.presence_penalty = request.presence_penalty;
  if (request.stop != null) options.stop = typeof request.stop === 'string' ? [request.stop] : request.stop;

  const body: OllamaGenerateRequest = { model: request.model, prompt };
  if (request.suffix) body.suffix = request.suffix;
  else body.raw = true;
  body.options = options;
  body.stream = true;
  if (settings.keepAlive !== undefined) body.keep_alive = settings.keepAlive;
  return body;
}

/** One text prompt per request: Ollama generates one answer per call and has no tokenizer endpoint. */
function singlePrompt(prompt: CompletionRequest['prompt']): string {
  if (typeof prompt === 'string') return prompt;
  if (prompt.length === 1 && typeof prompt[0] === 'string') return prompt[0];
  if (prompt.length > 0 && prompt.every((item) => typeof item === 'string')) {
    throw invalidRequest('Send one prompt per request: the Ollama backend answers a single prompt (the array has several).', 'prompt');
  }
  if (prompt.length === 0) throw invalidRequest('The prompt array is empty.', 'prompt');
  throw invalidRequest('Token-id prompts are not supported by the Ollama backend; send the prompt as text.', 'prompt');
}

import type { OllamaOptions } from '../ollama-api-types.js';

/** Ollama's `/api/generate` on the wire (docs/api.md): a prompt in, `response` deltas out. */
export interface OllamaGenerateRequest {
  model: string;
  prompt: string;
  /** Text after the insertion point: fill-in-the-middle, with the model's own FIM template. */
  suffix?: string;
  /** No prompt template: the model continues the text exactly as given. */
  raw?: boolean;
  options?: OllamaOptions;
  stream?: boolean;
  keep_alive?: string | number;
}

export interface OllamaGenerateChunk {
  response?: string;
  thinking?: string;
  done?: boolean;
  done_reason?: string;
  prompt_eval_count?: number;
  eval_count?: number;
  error?: string;
}

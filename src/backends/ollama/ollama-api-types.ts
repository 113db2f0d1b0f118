/**
 * Ollama's native API as it is on the wire (docs/api.md, api/types.go). Written here rather than taken
 * from ollama-js, whose types lack `tool_call_id`, call ids and `think: "max"`, and type JSON strings as
 * `Date` and objects as `Map`.
 */

export interface OllamaToolCall {
  id?: string;
  function: {
    index?: number;
    name: string;
    /** A JSON object, never a string (unlike OpenAI). */
    arguments: Record<string, unknown>;
  };
}

export interface OllamaMessage {
  role: 'system' | 'user' | 'assistant' | 'tool';
  content: string;
  thinking?: string;
  /** Base64 without the `data:…;base64,` prefix. */
  images?: string[];
  tool_calls?: OllamaToolCall[];
  tool_name?: string;
  tool_call_id?: string;
}

export interface OllamaTool {
  type: 'function';
  function: {
    name: string;
    description?: string;
    parameters: Record<string, unknown>;
  };
}

export type OllamaThink = boolean | 'low' | 'medium' | 'high' | 'max';

export interface OllamaOptions {
  num_ctx?: number;
  num_predict?: number;
  temperature?: number;
  top_p?: number;
  seed?: number;
  stop?: string[];
  [key: string]: unknown;
}

export interface OllamaChatRequest {
  model: string;
  messages: OllamaMessage[];
  tools?: OllamaTool[];
  format?: 'json' | Record<string, unknown>;
  options?: OllamaOptions;
  think?: OllamaThink;
  stream?: boolean;
  keep_alive?: string | number;
}

/** One NDJSON line of a streamed `/api/chat` answer. */
export interface OllamaChatChunk {
  model?: string;
  created_at?: string;
  message?: {
    role?: string;
    content?: string;
    thinking?: string;
    tool_calls?: OllamaToolCall[];
  };
  done?: boolean;
  done_reason?: string;
  total_duration?: number;
  load_duration?: number;
  prompt_eval_count?: number;
  prompt_eval_duration?: number;
  eval_count?: number;
  eval_duration?: number;
  /** An error after streaming began arrives as a line of its own. */
  error?: string;
}

export interface OllamaShowResponse {
  model_info?: Record<string, unknown>;
  capabilities?: string[];
  parameters?: string;
  details?: { family?: string; parameter_size?: string; quantization_level?: string };
}

export interface OllamaTagsResponse {
  models: Array<{
    name: string;
    model?: string;
    modified_at?: string;
    size?: number;
    digest?: string;
    details?: { family?: string; parameter_size?: string; quantization_level?: string };
  }>;
}

/**
 * What we write on OpenAI's Chat Completions, Completions and Embeddings wire (the shapes the official
 * SDKs read). Exact on purpose: these are outputs. Inputs are the loose zod schemas next to this file.
 */

export type ChatFinishReason = 'stop' | 'length' | 'tool_calls' | 'content_filter';

export interface ChatCompletionUsage {
  prompt_tokens: number;
  completion_tokens: number;
  total_tokens: number;
  prompt_tokens_details?: { cached_tokens: number };
}

/** One tool call fragment of a streamed delta; `index` identifies the call across fragments. */
export interface ChatToolCallDelta {
  index: number;
  id?: string;
  type?: 'function';
  function?: { name?: string; arguments?: string };
}

export interface ChatCompletionDelta {
  role?: 'assistant';
  content?: string | null;
  /** Not in OpenAI's API: the model's thinking, named as DeepSeek, vLLM and most chat clients read it. */
  reasoning_content?: string;
  tool_calls?: ChatToolCallDelta[];
}

export interface ChatCompletionChunk {
  id: string;
  object: 'chat.completion.chunk';
  created: number;
  model: string;
  choices: Array<{
    index: number;
    delta: ChatCompletionDelta;
    logprobs: null;
    finish_reason: ChatFinishReason | null;
  }>;
  /** With `stream_options.include_usage`: null on every chunk but the last, which has `choices: []`. */
  usage?: ChatCompletionUsage | null;
}

export interface ChatCompletionToolCall {
  id: string;
  type: 'function';
  function: { name: string; arguments: string };
}

export interface ChatCompletion {
  id: string;
  object: 'chat.completion';
  created: number;
  model: string;
  choices: Array<{
    index: number;
    message: {
      role: 'assistant';
      content: string | null;
      refusal: null;
      reasoning_content?: string;
      tool_calls?: ChatCompletionToolCall[];
    };
    logprobs: null;
    finish_reason: ChatFinishReason;
  }>;
  usage?: ChatCompletionUsage;
}

/** Legacy Completions: the streamed chunks and the final object share one shape. */
export interface TextCompletion {
  id: string;
  object: 'text_completion';
  created: number;
  model: string;
  choices: Array<{
    text: string;
    index: number;
    logprobs: null;
    finish_reason: 'stop' | 'length' | null;
  }>;
  usage?: ChatCompletionUsage | null;
}

export interface CreateEmbeddingResponse {
  object: 'list';
  data: Array<{ object: 'embedding'; index: number; embedding: number[] | string }>;
  model: string;
  usage: { prompt_tokens: number; total_tokens: number };
}

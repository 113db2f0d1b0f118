/**
 * What we write on the Responses wire: output items and stream events exactly as Codex reads them
 * (spec §3; byte samples in test/fixtures/codex/sse). Exact on purpose: these are outputs.
 */

export interface OutputTextPart {
  type: 'output_text';
  text: string;
  annotations: unknown[];
}

export interface MessageOutputItem {
  id: string;
  type: 'message';
  status: 'in_progress' | 'completed' | 'incomplete';
  role: 'assistant';
  content: OutputTextPart[];
}

export interface ReasoningOutputItem {
  id: string;
  type: 'reasoning';
  summary: Array<{ type: 'summary_text'; text: string }>;
  content?: Array<{ type: 'reasoning_text'; text: string }>;
  /** Codex replays this verbatim next turn; we keep the plain thinking text here (as Ollama does). */
  encrypted_content?: string;
  status?: 'in_progress' | 'completed';
}

export interface FunctionCallOutputItem {
  id: string;
  type: 'function_call';
  status: 'in_progress' | 'completed';
  call_id: string;
  name: string;
  namespace?: string;
  /** A JSON string: an object here makes Codex drop the call silently. */
  arguments: string;
}

export interface CustomToolCallOutputItem {
  id: string;
  type: 'custom_tool_call';
  status: 'in_progress' | 'completed';
  call_id: string;
  name: string;
  input: string;
}

export type OutputItem = MessageOutputItem | ReasoningOutputItem | FunctionCallOutputItem | CustomToolCallOutputItem;

export interface ResponsesUsage {
  input_tokens: number;
  input_tokens_details: { cached_tokens: number };
  output_tokens: number;
  output_tokens_details: { reasoning_tokens: number };
  total_tokens: number;
}

export interface ResponseObject {
  id: string;
  object: 'response';
  created_at: number;
  status: 'in_progress' | 'completed' | 'incomplete' | 'failed';
  model: string;
  output: OutputItem[];
  usage?: ResponsesUsage;
  error?: { code: string; message: string } | null;
  incomplete_details?: { reason: string } | null;
}

/** A Responses stream event; `type` is the wire name and `sequence_number` is set by the encoder. */
export type ResponsesEvent = { type: string; [key: string]: unknown };

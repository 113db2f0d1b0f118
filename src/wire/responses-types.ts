/**
 * What we write on the Responses wire: output items and stream events exactly as Codex reads them
 * (spec §3; byte samples in test/fixtures/codex/sse). Exact on purpose: these are outputs, so each
 * event type is spelled out and the compiler checks every event we build.
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
  summary: SummaryTextPart[];
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

interface SequencedEvent {
  /** Strictly increasing from 0 within one response. */
  sequence_number: number;
}

interface ItemEvent extends SequencedEvent {
  item_id: string;
  output_index: number;
}

export type SummaryTextPart = { type: 'summary_text'; text: string };

/** Every event we write, by its wire name. */
export type ResponsesEvent =
  | (SequencedEvent & {
      type: 'response.created' | 'response.in_progress' | 'response.completed' | 'response.incomplete' | 'response.failed';
      response: ResponseObject;
    })
  | (SequencedEvent & { type: 'response.output_item.added' | 'response.output_item.done'; output_index: number; item: OutputItem })
  | (ItemEvent & { type: 'response.reasoning_summary_part.added' | 'response.reasoning_summary_part.done'; summary_index: number; part: SummaryTextPart })
  | (ItemEvent & { type: 'response.reasoning_summary_text.delta'; summary_index: number; delta: string })
  | (ItemEvent & { type: 'response.reasoning_summary_text.done'; summary_index: number; text: string })
  | (ItemEvent & { type: 'response.content_part.added' | 'response.content_part.done'; content_index: number; part: OutputTextPart })
  | (ItemEvent & { type: 'response.output_text.delta'; content_index: number; delta: string; logprobs: unknown[] })
  | (ItemEvent & { type: 'response.output_text.done'; content_index: number; text: string; logprobs: unknown[] })
  | (ItemEvent & { type: 'response.function_call_arguments.delta' | 'response.custom_tool_call_input.delta'; delta: string })
  | (ItemEvent & { type: 'response.function_call_arguments.done'; arguments: string })
  | (ItemEvent & { type: 'response.custom_tool_call_input.done'; input: string });

export type ResponsesEventType = ResponsesEvent['type'];

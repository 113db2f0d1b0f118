/**
 * Types of the tool-call rescue: a tool call a model wrote as text, recognised in the text stream and
 * turned back into a call. Backend-neutral: tools are named as the model saw them (flattened names,
 * custom tools lowered to one string), and the caller maps names back to Codex's shapes.
 */

/** A tool the model was offered, named exactly as the model saw it. */
export interface DeclaredTool {
  name: string;
  /** `custom` tools (apply_patch) take raw text; `function` tools take a JSON object. */
  kind: 'function' | 'custom';
  /** The JSON schema of a function's arguments, when known: its `required` keys are checked. */
  parameters?: Record<string, unknown>;
}

/** Which way the model wrote the call; counted per shape in the session note and the corpus report. */
export type RescueShape =
  | 'tagged-json' // <tool_call>{"name":…,"arguments":…}</tool_call>
  | 'tagged-xml' // <tool_call><function=name><parameter=k>v</parameter></function></tool_call>
  | 'untagged-xml' // <function=name>…</function></tool_call>, the opener lost after a preamble
  | 'untagged-json' // {"name":…}</tool_call>, the opener lost after a preamble
  | 'bare-json' // {"name":…,"arguments":…} (or a [ … ] of them) alone on its lines
  | 'fenced-json' // ```json / ```tool_call fence around a call
  | 'patch-envelope' // *** Begin Patch … *** End Patch written as the answer
  | 'fenced-patch' // the same inside a ``` fence
  | 'patch-heredoc'; // apply_patch <<'EOF' … EOF written as a shell command

export interface RescuedCall {
  type: 'call';
  /** A declared tool's name (never invented). */
  name: string;
  /** JSON object text for a function tool; the raw input for a custom tool. */
  arguments: string;
  shape: RescueShape;
}

export interface RescuedText {
  type: 'text';
  text: string;
}

export type RescueOutput = RescuedText | RescuedCall;

/** The result of looking at held text that starts with a possible call. */
export type BlockScan =
  | { readonly status: 'need-more' }
  | { readonly status: 'not-a-call' }
  | { status: 'call'; calls: RescuedCall[]; end: number };

export const NEED_MORE: { readonly status: 'need-more' } = Object.freeze({ status: 'need-more' });
export const NOT_A_CALL: { readonly status: 'not-a-call' } = Object.freeze({ status: 'not-a-call' });

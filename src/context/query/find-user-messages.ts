import type { InputItem, ResponsesRequest } from '../../wire/responses-request-schema.js';

/** A message the human typed, as opposed to text Codex puts in a `user` message on its own. */
export interface UserMessage {
  /** Position in `request.input` (after a string input is seen as one message: 0). */
  index: number;
  /** Counts real user messages from the start of the conversation (0-based): stable across compaction. */
  ordinal: number;
  text: string;
}

/**
 * Text Codex sends in the user role that the user did not type: the environment block, AGENTS.md and
 * user instructions, skill and mode blocks, the compaction prompt and the summary that replaces
 * history after compaction, aborted-turn notices, and our own injected context.
 */
const INJECTED_PREFIXES = [
  '<environment_context',
  '<user_instructions',
  '<instructions',
  '# agents.md instructions',
  '<skills_instructions',
  '<collaboration_mode',
  '<permissions instructions',
  '<turn_aborted',
  '<user_shell_command',
  '<subagent_notification',
  '<codex-ctx-context',
  'another language model started to solve this problem',
  'you are performing a context checkpoint compaction',
];

// A part that is only a wrapper tag around an attachment (`<image name=…>`, `</image>`).
const WRAPPER_TAG = /^\s*<\/?[a-z_]+(?:\s[^>]*)?>\s*$/i;
// A part that is one whole `<snake_case>…</snake_case>` block: Codex's way of passing structured notes
// (HTML tags have no underscore, so a pasted snippet of markup still counts as typed).
const WHOLE_BLOCK = /^\s*<([a-z]+_[a-z0-9_]*)(?:\s[^>]*)?>[\s\S]*<\/\1>\s*$/i;

export function isInjectedText(text: string): boolean {
  const start = text.trimStart().slice(0, 64).toLowerCase();
  return INJECTED_PREFIXES.some((prefix) => start.startsWith(prefix)) || WHOLE_BLOCK.test(text);
}

/** The typed text of a user message, or undefined when Codex wrote all of it. */
export function typedTextOf(item: InputItem): string | undefined {
  if (!('role' in item) || item.role !== 'user' || (item.type !== undefined && item.type !== 'message')) return undefined;
  const content = (item as { content: unknown }).content;
  const parts: string[] = [];
  if (typeof content === 'string') {
    parts.push(content);
  } else if (Array.isArray(content)) {
    for (const part of content as Array<{ type?: unknown; text?: unknown }>) {
      if (typeof part.text === 'string' && (part.type === 'input_text' || part.type === 'text')) parts.push(part.text);
    }
  }
  const typed = parts.filter((text) => text.trim() !== '' && !WRAPPER_TAG.test(text) && !isInjectedText(text));
  if (typed.length === 0) return undefined;
  return typed.join('\n').trim();
}

/** Every real user message of a Responses request, oldest first. */
export function findUserMessages(input: ResponsesRequest['input']): UserMessage[] {
  if (typeof input === 'string') {
    return input.trim() && !isInjectedText(input) ? [{ index: 0, ordinal: 0, text: input.trim() }] : [];
  }
  const messages: UserMessage[] = [];
  input.forEach((item, index) => {
    const text = typedTextOf(item);
    if (text !== undefined) messages.push({ index, ordinal: messages.length, text });
  });
  return messages;
}

const COMPACTION_SUMMARY_PREFIX = 'another language model started to solve this problem';

/**
 * Position of the latest compaction summary (the message Codex puts in place of the history it
 * compacted), or -1 when the conversation was never compacted.
 */
export function findCompactionSummary(input: ResponsesRequest['input']): number {
  if (typeof input === 'string') return -1;
  for (let index = input.length - 1; index >= 0; index--) {
    const item = input[index];
    if (!item || !('role' in item) || item.role !== 'user') continue;
    const content = (item as { content: unknown }).content;
    const first = typeof content === 'string' ? content : Array.isArray(content) ? (content[0] as { text?: unknown } | undefined)?.text : undefined;
    if (typeof first === 'string' && first.trimStart().slice(0, 64).toLowerCase().startsWith(COMPACTION_SUMMARY_PREFIX)) return index;
  }
  return -1;
}

/** The latest real user message: the question retrieval answers. */
export function findLatestUserMessage(input: ResponsesRequest['input']): UserMessage | undefined {
  return findUserMessages(input).at(-1);
}

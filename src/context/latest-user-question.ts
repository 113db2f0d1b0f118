import type { InputItem, ResponsesRequest } from '../proxy/responses-request-schema.js';

/**
 * Codex sends its own text as `user` messages too (environment, AGENTS.md, compaction summaries). The
 * question a person asked is the latest user message that is none of those.
 */
const CODEX_WRAPPER_PREFIXES = [
  '<environment_context>',
  '<user_instructions>',
  '<permissions instructions>',
  '<skills_instructions>',
  '# AGENTS.md instructions',
  '<INSTRUCTIONS>',
  'Another language model started to solve this problem',
  'You are performing a CONTEXT CHECKPOINT COMPACTION',
];

export function isCodexWrapperText(text: string): boolean {
  const trimmed = text.trimStart();
  return CODEX_WRAPPER_PREFIXES.some((prefix) => trimmed.startsWith(prefix));
}

/** The text of a user message without Codex's wrapper parts, or undefined when nothing is left. */
export function userMessageText(item: InputItem): string | undefined {
  if (!('role' in item) || item.role !== 'user') return undefined;
  const content = (item as { content: unknown }).content;
  const parts = typeof content === 'string' ? [content] : Array.isArray(content) ? content.map(partText) : [];
  const text = parts.filter((part): part is string => Boolean(part) && !isCodexWrapperText(part!)).join('\n').trim();
  return text || undefined;
}

/** Index and text of the latest real user message, searching from the end. */
export function findLatestUserQuestion(request: ResponsesRequest): { index: number; text: string } | undefined {
  if (typeof request.input === 'string') return request.input.trim() ? { index: 0, text: request.input.trim() } : undefined;
  for (let index = request.input.length - 1; index >= 0; index--) {
    const text = userMessageText(request.input[index]!);
    if (text) return { index, text };
  }
  return undefined;
}

export function latestUserQuestion(request: ResponsesRequest): string | undefined {
  return findLatestUserQuestion(request)?.text;
}

function partText(part: unknown): string | undefined {
  if (!part || typeof part !== 'object') return undefined;
  const { type, text } = part as { type?: unknown; text?: unknown };
  return (type === 'input_text' || type === 'text') && typeof text === 'string' ? text : undefined;
}

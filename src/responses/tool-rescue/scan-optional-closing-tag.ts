/** The closer qwen-style models keep writing after they lost the `<tool_call>` opener. */
export const CLOSING_TOOL_CALL_TAG = '</tool_call>';

export type ClosingTagScan = { status: 'found'; end: number } | { status: 'absent' } | { status: 'need-more' };

/** Whether `tag` follows `from` after whitespace; undecided while only whitespace or a prefix of it has arrived. */
export function scanOptionalClosingTag(text: string, from: number, tag: string, ended: boolean): ClosingTagScan {
  let index = from;
  while (index < text.length && isWhitespace(text.charCodeAt(index))) index++;
  const rest = text.slice(index, index + tag.length);
  if (rest === tag) return { status: 'found', end: index + tag.length };
  if (!ended && tag.startsWith(rest)) return { status: 'need-more' };
  return { status: 'absent' };
}

export function isWhitespace(code: number): boolean {
  return code === 32 || code === 10 || code === 13 || code === 9;
}

export function skipWhitespace(text: string, from: number): number {
  let index = from;
  while (index < text.length && isWhitespace(text.charCodeAt(index))) index++;
  return index;
}

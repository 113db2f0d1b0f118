/**
 * Verbatim text (questions, answers, code, tool input) goes into fenced code blocks: Obsidian parses no
 * links, tags, embeds or HTML inside them, so whatever a user or model wrote cannot create ghost notes
 * or stray tags, and the note stays a faithful, citable record. The fence is longer than any backtick
 * run in the text, so the text cannot close it early.
 */
export function fencedBlock(text: string, language = 'text'): string[] {
  let longest = 0;
  for (const match of text.matchAll(/`+/g)) longest = Math.max(longest, match[0].length);
  const fence = '`'.repeat(Math.max(3, longest + 1));
  const body = text.replace(/\r\n?/g, '\n').replace(/\n+$/, '');
  return [`${fence}${language}`, ...body.split('\n'), fence];
}

/**
 * Control characters made visible before text reaches a note, a log line or the context block: a NUL byte
 * from a prompt makes a note binary to git and editors, and a newline in a file name breaks the line that
 * names it (a fake `[2] other/file.ts` header in the context block, a torn Markdown link in a note).
 * Escapes are JSON-like (`\n`, `\u0000`) so the original is still readable.
 */
// C0 controls, DEL, C1 controls, and the Unicode line/paragraph separators some renderers break on.
const CONTROL = /[\u0000-\u001f\u007f-\u009f\u2028\u2029]/g;
const CONTROL_EXCEPT_LINE_BREAKS = /[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f-\u009f\u2028\u2029]/g;

const NAMED: Record<string, string> = { '\n': '\\n', '\r': '\\r', '\t': '\\t' };

function escapeOne(character: string): string {
  return NAMED[character] ?? `\\u${character.charCodeAt(0).toString(16).padStart(4, '0')}`;
}

/** For one-line values: file paths, tool names, ids. */
export function escapeControlCharacters(text: string): string {
  return text.replace(CONTROL, escapeOne);
}

/** For bodies (prompts, answers, code): keeps newlines, tabs and CR, escapes the rest. */
export function escapeControlCharactersInText(text: string): string {
  return text.replace(CONTROL_EXCEPT_LINE_BREAKS, escapeOne);
}

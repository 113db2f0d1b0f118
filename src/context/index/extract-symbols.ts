/**
 * Definitions in a source file, found with regular expressions (no parser: it must index ten thousand
 * files in well under a second and survive syntax it does not know). Each definition gets an end line
 * from bracket depth or indentation (Python, Ruby), so a hit can be expanded to the whole definition.
 * The languages and their shapes are in definition-rules.ts.
 */
import { ANNOTATED, CLOSES_WITH_END, ENDS_BY_INDENTATION, languageOf, NOT_METHODS, RULES, STARTERS, TYPED_SIGNATURES, type Language, type SymbolKind } from './definition-rules.js';

export type { SymbolKind };

export interface SymbolDefinition {
  name: string;
  kind: SymbolKind;
  /** 1-based, inclusive. */
  startLine: number;
  endLine: number;
}

/**
 * A copy of a (long) substring. V8 keeps substrings of 13+ characters as views into their parent,
 * so a symbol name would otherwise keep its whole file's text alive for as long as the index lives.
 */
function detach(text: string): string {
  return text.length < 13 ? text : Buffer.from(text, 'utf8').toString('utf8');
}

// First-word characters, as in `^[ \t]*([A-Za-z_$#*][\w$!]*)`: bit 1 may start the word, bit 2 continue it.
const WORD_CHAR = new Uint8Array(128);
for (let code = 0; code < 128; code++) {
  const char = String.fromCharCode(code);
  WORD_CHAR[code] = (/[A-Za-z_$#*]/.test(char) ? 1 : 0) | (/[\w$!]/.test(char) ? 2 : 0);
}

/** `line.trimEnd().endsWith('{')` without the copy. */
function endsWithBrace(line: string): boolean {
  let end = line.length - 1;
  while (end >= 0) {
    const code = line.charCodeAt(end);
    if (code === 32 || (code >= 9 && code <= 13) || (code > 127 && /\s/.test(line.charAt(end)))) end--;
    else return code === 123;
  }
  return false;
}

function endsWithSemicolon(line: string): boolean {
  let end = line.length - 1;
  while (end >= 0 && (line.charCodeAt(end) === 32 || line.charCodeAt(end) === 9 || line.charCodeAt(end) === 13)) end--;
  return line.charCodeAt(end) === 59;
}

/**
 * Cheap test before the regex: can this line start a definition? Most lines (statements, calls,
 * closing brackets, comments) cannot, and skipping them is most of the extractor's speed.
 * A character scan rather than a regex plus `trimEnd` (it runs on every line of every file):
 * its profiled self time went from ~100 ms to ~55 ms over the 10k-file benchmark corpus.
 */
function mayDefine(language: Language, line: string): boolean {
  const length = line.length;
  let start = 0;
  while (start < length && (line.charCodeAt(start) === 32 || line.charCodeAt(start) === 9)) start++;
  const first = line.charCodeAt(start);
  if (first === 64) return ANNOTATED.has(language); // `@Override public void run() {`
  if (!(first < 128 && ((WORD_CHAR[first] ?? 0) & 1) !== 0)) return false;
  let end = start + 1;
  for (let code = line.charCodeAt(end); code < 128 && ((WORD_CHAR[code] ?? 0) & 2) !== 0; code = line.charCodeAt(++end));
  if (STARTERS[language].has(line.slice(start, end))) return true;
  switch (language) {
    case 'js':
      return endsWithBrace(line) || line.includes('=>') || line.includes('function') || line.includes('.prototype.');
    case 'python':
      return line.charCodeAt(0) >= 65 && line.charCodeAt(0) <= 90;
    case 'go':
      return endsWithBrace(line) && (line.includes(' struct') || line.includes(' interface'));
    case 'shell':
      return line.includes('()');
    case 'dart':
      // Signatures, and getters with a block body (`int get count {`).
      return (line.includes('(') || line.includes(' get ')) && !endsWithSemicolon(line);
    case 'lua':
      return line.includes('function');
    case 'csharp':
      // `[HttpGet] public …` starts with an attribute; other lines: a signature that is not a statement.
      return line.charCodeAt(start) === 91 || (line.includes('(') && !endsWithSemicolon(line));
    default:
      return TYPED_SIGNATURES.has(language) && line.includes('(') && !endsWithSemicolon(line);
  }
}

/** Each language's rules as one regex, so a file is scanned once (capture i+1 = rule i). */
const COMBINED = Object.fromEntries(
  Object.entries(RULES).map(([language, rules]) => {
    const source = rules.map((rule) => `(?:${rule.source.replace(/^\^/, '')})`).join('|');
    // Sticky: the regex is tried only at the start of candidate lines (see `mayDefine`).
    return [language, { pattern: new RegExp(`^(?:${source})`, 'my'), kinds: rules.map((rule) => rule.kind) }];
  }),
) as Record<Language, { pattern: RegExp; kinds: SymbolKind[] }>;

/** Line start offsets (index i = offset of line i+1). */
export function lineStartsOf(text: string): number[] {
  const starts = [0];
  for (let index = text.indexOf('\n'); index !== -1; index = text.indexOf('\n', index + 1)) starts.push(index + 1);
  if (starts.length > 1 && starts.at(-1) === text.length) starts.pop(); // trailing newline is not a line
  return starts;
}

interface BraceDepths {
  start: Int32Array;
  max: Int32Array;
  end: Int32Array;
}

// Character kinds for the bracket scanner; 0 is "nothing to do" (the common case).
const PLAIN = 0;
const SPACE = 1;
const SPECIAL = 2;
const CHAR_KIND = new Uint8Array(128);
for (const char of '\n/#"\'`{}()[]') CHAR_KIND[char.charCodeAt(0)] = SPECIAL;
for (const char of ' \t\r') CHAR_KIND[char.charCodeAt(0)] = SPACE;

/** Bracket depth at the start, maximum and end of each line, skipping strings and comments. */
export function braceDepths(text: string, lineCount: number, language: Language): BraceDepths {
  const start = new Int32Array(lineCount);
  const max = new Int32Array(lineCount);
  const end = new Int32Array(lineCount);
  const isJs = language === 'js';
  const isPython = language === 'python';
  const hasTemplates = isJs || language === 'go';
  // Where '…' is a string, not a character literal, and `#` starts a comment.
  const singleQuoteStrings = isJs || isPython || language === 'php' || language === 'dart' || language === 'shell';
  const hashComments = isPython || language === 'php' || language === 'shell';
  let depth = 0;
  let line = 0;
  let lineMax = 0;
  const templateDepths: number[] = [];
  let lastSignificant = 0;
  const length = text.length;
  const newline = () => {
    max[line] = lineMax;
    end[line] = depth;
    line++;
    if (line < lineCount) start[line] = depth;
    lineMax = depth;
  };
  for (let index = 0; index < length && line < lineCount; index++) {
    const code = text.charCodeAt(index);
    const kind = code < 128 ? CHAR_KIND[code] : PLAIN;
    if (kind !== SPECIAL) {
      if (kind === PLAIN) lastSignificant = code;
      continue;
    }
    switch (code) {
      case 10:
        newline();
        continue;
      case 47: {
        const next = text.charCodeAt(index + 1);
        if (next === 47) {
          // Line comment: jump to its end.
          const lineEnd = text.indexOf('\n', index);
          index = (lineEnd === -1 ? length : lineEnd) - 1;
          continue;
        }
        if (next === 42) {
          const commentEnd = text.indexOf('*/', index + 2);
          const stop = commentEnd === -1 ? length : commentEnd + 2;
          for (let newlineAt = text.indexOf('\n', index); newlineAt !== -1 && newlineAt < stop; newlineAt = text.indexOf('\n', newlineAt + 1)) newline();
          index = stop - 1;
          continue;
        }
        // A JS regex literal (its brackets and quotes are not code): skip to its closing slash.
        if (isJs && REGEX_PRECEDERS.has(lastSignificant)) {
          index = skipRegexLiteral(text, index);
          lastSignificant = 47;
          continue;
        }
        break;
      }
      case 35:
        if (hashComments && text.charCodeAt(index + 1) !== 91) {
          const lineEnd = text.indexOf('\n', index);
          index = (lineEnd === -1 ? length : lineEnd) - 1;
          continue;
        }
        break;
      case 34:
      case 39:
      case 96: {
        // Rust lifetimes and Go/Rust runes: only a real 'x' or '\n' is a character literal.
        if (code === 39 && !singleQuoteStrings && text.charCodeAt(index + 2) !== 39 && text.charCodeAt(index + 1) !== 92) break;
        if (code === 96 && !hasTemplates) break;
        // Skip the string; a template's `${` re-enters code until its matching `}`.
        for (index++; index < length; index++) {
          const inner = text.charCodeAt(index);
          if (inner === 92) index++;
          else if (inner === code) break;
          else if (inner === 10) {
            newline();
            if (code !== 96) break; // an unterminated quote ends at the line
          } else if (code === 96 && isJs && inner === 36 && text.charCodeAt(index + 1) === 123) {
            templateDepths.push(depth);
            depth++;
            index++;
            break;
          }
        }
        lastSignificant = code;
        continue;
      }
      case 123:
      case 40:
      case 91:
        // ( and [ count too: a multi-line parameter list or array literal is part of the definition.
        depth++;
        if (depth > lineMax) lineMax = depth;
        break;
      case 125:
      case 41:
      case 93:
        if (code === 125 && templateDepths.length > 0 && templateDepths.at(-1) === depth - 1) {
          // End of a `${…}`: back into the template string.
          templateDepths.pop();
          depth--;
          for (index++; index < length; index++) {
            const inner = text.charCodeAt(index);
            if (inner === 92) index++;
            else if (inner === 96) break;
            else if (inner === 10) newline();
            else if (inner === 36 && text.charCodeAt(index + 1) === 123) {
              templateDepths.push(depth);
              depth++;
              index++;
              break;
            }
          }
          lastSignificant = 96;
          continue;
        }
        if (depth > 0) depth--;
        break;
    }
    lastSignificant = code;
  }
  if (line < lineCount) {
    max[line] = lineMax;
    end[line] = depth;
  }
  return { start, max, end };
}

// After these, a slash starts a regex literal rather than a division (0: start of file).
const REGEX_PRECEDERS = new Set([0, 40, 44, 61, 58, 91, 33, 38, 124, 63, 123, 125, 59, 43, 45, 42, 37, 60, 62, 126, 94, 10]);

function skipRegexLiteral(text: string, slash: number): number {
  let inClass = false;
  for (let index = slash + 1; index < text.length; index++) {
    const code = text.charCodeAt(index);
    if (code === 10) return index - 1; // not a regex after all: resume at the newline
    if (code === 92) index++;
    else if (code === 91) inClass = true;
    else if (code === 93) inClass = false;
    else if (code === 47 && !inClass) return index;
  }
  return text.length - 1;
}

const DECLARATION_LOOKAHEAD = 25;

const CONTAINER_KINDS = new Set<SymbolKind>(['class', 'interface', 'struct', 'enum', 'trait', 'impl', 'module']);

/** Last code character of a line, ignoring a trailing `//` comment. */
function lastCodeChar(line: string): string {
  const trimmed = line.replace(/\s+\/\/.*$/, '').trimEnd();
  return trimmed.charAt(trimmed.length - 1);
}

function isBlankLine(line: string | undefined): boolean {
  if (line === undefined) return true;
  for (let index = 0; index < line.length; index++) {
    const code = line.charCodeAt(index);
    if (code !== 32 && code !== 9 && code !== 13) return false;
  }
  return true;
}

function closingLine(depths: BraceDepths, from: number, base: number, last: number): number {
  for (let closing = from; closing <= last; closing++) {
    if ((depths.end[closing] ?? 0) <= base) return closing;
  }
  return last;
}

/** End line (0-based) of a bracket-delimited definition starting at `line`. */
function braceEnd(depths: BraceDepths, lines: readonly string[], line: number, kind: SymbolKind): number {
  const last = lines.length - 1;
  const lookahead = Math.min(last, line + DECLARATION_LOOKAHEAD);
  if (CONTAINER_KINDS.has(kind)) {
    // The body is the block opened at the end of a line (`{`), not brackets in type parameters.
    for (let current = line; current <= lookahead; current++) {
      // A blank line before any body: a declaration without one (`data class Point(val x: Int)`).
      if (current > line && isBlankLine(lines[current])) return current - 1;
      const end = lastCodeChar(lines[current] ?? '');
      if (end === '{') return closingLine(depths, current, depths.start[current] ?? 0, last);
      if (end === ';' || (end === '}' && (depths.end[current] ?? 0) <= (depths.start[line] ?? 0))) return current;
    }
    return line;
  }
  const base = depths.start[line] ?? 0;
  for (let current = line; current <= lookahead; current++) {
    // A blank line, or the line that closes the enclosing block (`def total: Long = …` then `}`): a
    // definition without a body of its own ended on the line before.
    if (current > line && (isBlankLine(lines[current]) || (depths.end[current] ?? 0) < base)) return current - 1;
    const end = lastCodeChar(lines[current] ?? '');
    if ((depths.max[current] ?? 0) > base) {
      // Brackets opened and closed inside a signature line (`<T extends {id: string}>`) do not end it.
      // A body on the next line (`int parse(char *s)` / `{`) is still this definition's.
      const bodyFollows = end === ')' && (lines[current + 1] ?? '').trimStart().startsWith('{');
      if (!bodyFollows && ((depths.end[current] ?? 0) > base || '})];'.includes(end))) return closingLine(depths, current, base, last);
      continue;
    }
    // A declaration without a body (`type A = B;`, an overload, an abstract method) ends at its `;`.
    if (end === ';') return current;
  }
  return line;
}

/** Leading whitespace width (a tab counts 4). A character loop: it runs for every definition. */
function indentOf(line: string): number {
  let width = 0;
  for (let index = 0; index < line.length; index++) {
    const code = line.charCodeAt(index);
    if (code === 32) width++;
    else if (code === 9) width += 4;
    else break;
  }
  return width;
}

/** End line (0-based) of an indentation-delimited definition (Python; Ruby, whose `end` is included). */
function indentEnd(lines: readonly string[], line: number, closesWithEnd = false): number {
  const indent = indentOf(lines[line] ?? '');
  let end = line;
  for (let current = line + 1; current < lines.length; current++) {
    const text = lines[current] ?? '';
    if (text.trim() === '') continue;
    if (indentOf(text) <= indent && !/^\s*[)\]}]/.test(text)) {
      if (closesWithEnd && indentOf(text) === indent && /^\s*end\b/.test(text)) end = current;
      break;
    }
    end = current;
  }
  return end;
}

const MARKDOWN_PATH = /\.(?:md|mdx|markdown)$/i;
const HEADING = /^(#{1,6})[ \t]+(.+?)[ \t#]*$/;
const FENCE = /^[ \t]{0,3}(?:```|~~~)/;

/**
 * Markdown sections, named by their headings: a doc then competes for a question the way code does —
 * a heading that says what the question asks counts like a definition's name, and a long document
 * is quoted by the section that answers, not by a 60-line window cut anywhere.
 */
function extractSections(lines: readonly string[]): SymbolDefinition[] {
  const sections: Array<SymbolDefinition & { level: number }> = [];
  let fenced = false;
  lines.forEach((line, index) => {
    if (FENCE.test(line)) fenced = !fenced;
    const match = fenced ? null : HEADING.exec(line);
    if (!match) return;
    // Emphasis, code spans and link targets are decoration; the words are the name.
    const name = (match[2] ?? '').replace(/\]\([^)]*\)/g, ']').replace(/[*_`[\]]/g, '').trim();
    if (name) sections.push({ name: detach(name), kind: 'section', startLine: index + 1, endLine: lines.length, level: match[1]?.length ?? 1 });
  });
  for (let position = 0; position < sections.length; position++) {
    const section = sections[position]!;
    const next = sections.slice(position + 1).find((later) => later.level <= section.level);
    if (next) section.endLine = next.startLine - 1;
  }
  return sections.map(({ level: _level, ...section }) => section);
}

/** All definitions of a file (Markdown: its sections), sorted by start line. Unknown languages have none. */
export function extractSymbols(
  path: string,
  text: string,
  lineStarts: readonly number[] = lineStartsOf(text),
  lines: readonly string[] = text.split('\n'),
): SymbolDefinition[] {
  if (MARKDOWN_PATH.test(path)) return extractSections(lines.slice(0, lineStarts.length));
  const language = languageOf(path);
  if (!language) return [];
  const lineCount = lineStarts.length;
  const { pattern, kinds } = COMBINED[language];
  const symbols: SymbolDefinition[] = [];
  for (let line = 0; line < lineCount; line++) {
    const lineText = lines[line] ?? '';
    if (!mayDefine(language, lineText)) continue;
    pattern.lastIndex = lineStarts[line] ?? 0;
    const match = pattern.exec(text);
    if (!match || match[0].length === 0) continue;
    // Alternatives are tried in rule order, so the first (most specific) rule that fits a line wins.
    let rule = 1;
    while (rule < match.length && match[rule] === undefined) rule++;
    const name = match[rule];
    const kind = kinds[rule - 1];
    if (!name || !kind || (kind === 'method' && NOT_METHODS.has(name))) continue;
    symbols.push({ name: detach(name.replace(/^#/, '')), kind, startLine: line, endLine: line });
  }
  if (symbols.length === 0) return [];

  const depths = ENDS_BY_INDENTATION.has(language) ? undefined : braceDepths(text, lineCount, language);
  const closesWithEnd = CLOSES_WITH_END.has(language);
  // A definition never runs into the next one at its own or a lower indentation (a sibling, or the next
  // top-level definition): this bounds the damage when the bracket scan is fooled (a regex or string
  // it misread, a body-less declaration). `following` holds later starts, indentation increasing.
  const following: Array<{ indent: number; start: number }> = [];
  for (let position = symbols.length - 1; position >= 0; position--) {
    const symbol = symbols[position];
    if (!symbol) continue;
    const start = symbol.startLine;
    const end = depths ? braceEnd(depths, lines, start, symbol.kind) : indentEnd(lines, start, closesWithEnd);
    const indent = indentOf(lines[start] ?? '');
    let limit = lineCount;
    for (let index = following.length - 1; index >= 0; index--) {
      const later = following[index]!;
      if (later.indent <= indent) {
        limit = later.start;
        break;
      }
    }
    symbol.startLine = start + 1;
    symbol.endLine = Math.max(start, Math.min(end, limit - 1, lineCount - 1)) + 1;
    while (following.length > 0 && following[following.length - 1]!.indent >= indent) following.pop();
    following.push({ indent, start });
  }
  return symbols;
}

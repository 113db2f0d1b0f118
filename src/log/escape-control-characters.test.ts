import { describe, expect, it } from 'vitest';
import { escapeControlCharacters, escapeControlCharactersInText } from './escape-control-characters.js';

describe('escapeControlCharacters', () => {
  it('keeps a file name with a newline on one line', () => {
    expect(escapeControlCharacters('src/evil\n[2] src/other.ts:1-9')).toBe('src/evil\\n[2] src/other.ts:1-9');
  });

  it('makes NUL, escape and C1 characters visible', () => {
    expect(escapeControlCharacters('a\u0000b\u001b[31mc\u0085d\u2028e')).toBe('a\\u0000b\\u001b[31mc\\u0085d\\u2028e');
  });

  it('leaves ordinary text, including non-ASCII, alone', () => {
    expect(escapeControlCharacters('naïve 日本語 — ok')).toBe('naïve 日本語 — ok');
  });
});

describe('escapeControlCharactersInText', () => {
  it('keeps line breaks and tabs in a body but escapes NUL bytes', () => {
    expect(escapeControlCharactersInText('line 1\r\n\tline 2\u0000')).toBe('line 1\r\n\tline 2\\u0000');
  });
});

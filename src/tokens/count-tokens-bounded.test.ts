import { readFileSync } from 'node:fs';
import { beforeAll, describe, expect, it } from 'vitest';
import { countTokensBounded, EXACT_LIMIT, MAX_RUN } from './count-tokens-bounded.js';

let exact: (text: string) => number;
beforeAll(async () => {
  exact = (await import('gpt-tokenizer/encoding/cl100k_base')).countTokens;
});

const code = readFileSync(new URL('./estimate-tokens.ts', import.meta.url), 'utf8');

describe('countTokensBounded', () => {
  it('counts ordinary code exactly', () => {
    expect(countTokensBounded(code, exact)).toBe(exact(code));
  });

  it('stays within 2 % of the exact count on long unbroken runs it slices', () => {
    const letters = Array.from({ length: MAX_RUN * 30 }, (_, index) => String.fromCharCode(97 + ((index * 7919) % 26))).join('');
    const base64 = Buffer.from(Array.from({ length: MAX_RUN * 20 }, (_, index) => (index * 131) & 255)).toString('base64');
    for (const text of [letters, base64, `${')'.repeat(MAX_RUN * 10)} then prose`]) {
      const bounded = countTokensBounded(text, exact);
      expect(Math.abs(bounded - exact(text)) / exact(text)).toBeLessThan(0.02);
    }
  });

  it('extrapolates past the exact limit at the rate of what it counted', () => {
    const long = code.repeat(Math.ceil((EXACT_LIMIT * 2) / code.length));
    const bounded = countTokensBounded(long, exact);
    expect(Math.abs(bounded - exact(long)) / exact(long)).toBeLessThan(0.02);
    // Only the head was tokenized: a counter that sees more than EXACT_LIMIT characters fails here.
    let seen = 0;
    countTokensBounded(long, (text) => ((seen += text.length), exact(text)));
    expect(seen).toBe(EXACT_LIMIT);
  });

  it('never hands the tokenizer a piece longer than MAX_RUN inside a run', () => {
    let longest = 0;
    countTokensBounded(`start ${'x'.repeat(1_000_000)} end`, (text) => ((longest = Math.max(longest, text.length)), 1));
    expect(longest).toBeLessThanOrEqual(MAX_RUN + 'start '.length);
  });
});

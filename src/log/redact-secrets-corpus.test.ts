import { generateKeyPairSync } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { redactSecrets } from './redact-secrets.js';

/**
 * The secret shapes that once reached a model request or a dry-run, and look-alikes that must come through
 * unchanged (test/fixtures/secrets/secret-corpus.json).
 */
interface Corpus {
  secrets: Array<{ name: string; text: string; secret: string }>;
  survivors: Array<{ name: string; text: string }>;
}
const corpus = JSON.parse(readFileSync(new URL('../../test/fixtures/secrets/secret-corpus.json', import.meta.url), 'utf8')) as Corpus;

describe('redactSecrets on the secret corpus', () => {
  it.each(corpus.secrets.map((entry) => [entry.name, entry] as const))('hides %s', (_name, entry) => {
    const redacted = redactSecrets(entry.text);
    expect(redacted).toContain('[REDACTED]');
    expect(redacted).not.toContain(entry.secret);
  });

  it.each(corpus.survivors.map((entry) => [entry.name, entry] as const))('leaves %s unchanged', (_name, entry) => {
    expect(redactSecrets(entry.text)).toBe(entry.text);
  });
});

describe('a private key inside a file, cut at any line', () => {
  const pkcs1 = generateKeyPairSync('rsa', { modulusLength: 2048 }).privateKey.export({ type: 'pkcs1', format: 'pem' }) as string;
  const pkcs8 = generateKeyPairSync('rsa', { modulusLength: 2048 }).privateKey.export({ type: 'pkcs8', format: 'pem' }) as string;
  const corpusPgp = corpus.secrets.find((entry) => entry.name === 'PGP private key block')!.text;

  it.each([
    ['RSA (PKCS#1)', pkcs1],
    ['PKCS#8', pkcs8],
    ['PGP', corpusPgp],
    ['indented YAML', pkcs8.replace(/^/gm, '    ')],
  ])('never lets a %s key line through, wherever the snippet starts and ends', (_name, key) => {
    const file = ['import { readFileSync } from "node:fs";', '', 'export const KEY = `', ...key.trim().split('\n'), '`;', 'export default KEY;'];
    const bodyLines = key
      .split('\n')
      .map((line) => line.trim())
      .filter((line) => line.length >= 16 && !line.startsWith('-----') && /^[A-Za-z0-9+/=]+$/.test(line));
    expect(bodyLines.length).toBeGreaterThan(10);
    for (let start = 0; start < file.length; start++) {
      for (let end = start + 1; end <= file.length; end++) {
        const redacted = redactSecrets(file.slice(start, end).join('\n'));
        for (const line of bodyLines) {
          if (redacted.includes(line)) throw new Error(`lines ${start + 1}-${end} leaked key line ${line}`);
        }
      }
    }
  });
});

describe('redactSecrets on pathological text', () => {
  // These took 15-20 s each before the key-name repeats were bounded; a hang fails the test by its timeout.
  it.each([
    ['dotted words', 'a.'.repeat(200_000)],
    ['dashed words', 'a-'.repeat(200_000)],
    ['a base64 file with no key', `${'QUJD'.repeat(16)}\n`.repeat(50_000)],
    ['many END lines', '-----END RSA PRIVATE KEY-----\n'.repeat(20_000)],
    ['many URL schemes', 'ab://'.repeat(100_000)],
  ])('finishes on %s', (_name, text) => {
    expect(typeof redactSecrets(text)).toBe('string');
  });
});

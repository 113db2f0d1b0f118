import { describe, expect, it } from 'vitest';
import { redactSecrets } from './redact-secrets.js';

describe('redactSecrets', () => {
  it.each([
    ['an OpenAI key', 'const key = "sk-proj-abcdefghijklmnopqrstuvwx";'],
    ['a GitHub token', 'token ghp_abcdefghijklmnopqrstuvwxyz0123456789'],
    ['an AWS access key id', 'AKIAIOSFODNN7EXAMPLE'],
    ['a private key block', '-----BEGIN RSA PRIVATE KEY-----\nMIIEow\n-----END RSA PRIVATE KEY-----'],
    ['a quoted password assignment', 'password = "correct-horse-battery"'],
    ['an env-file token', 'API_TOKEN=a8f3k2m9x7q1w5e4'],
    ['a YAML secret with a generated value', 'client_secret: 9f8e7d6c5b4a3f2e1d0c'],
  ])('hides %s', (_label, text) => {
    const redacted = redactSecrets(text);
    expect(redacted).toContain('[REDACTED]');
    expect(redacted).not.toMatch(/sk-proj-abc|ghp_abc|AKIAIOSF|MIIEow|correct-horse|a8f3k2m9|9f8e7d6c/);
  });

  it('keeps the Bearer scheme and hides the credential', () => {
    expect(redactSecrets('Authorization: Bearer abcdefghijklmnop1234')).toBe('Authorization: Bearer [REDACTED]');
  });

  it('hides known secret values wherever they appear', () => {
    expect(redactSecrets('url?t=my-bridge-token-123&x=1', ['my-bridge-token-123'])).toBe('url?t=[REDACTED]&x=1');
  });

  it.each([
    'function redact(knownSecrets: Array<string | undefined>) {',
    'const token = readToken(options.tokenFile);',
    'apiKey: process.env.OPENAI_API_KEY,',
    'export const TOKEN_LIMIT = computeTokenLimit(window);',
    'password: string;',
    'secretKey: SecretKeyProvider,',
    'if (config.bridge?.token) headers.authorization = `Bearer ${config.bridge.token}`;',
  ])('leaves ordinary code alone: %s', (code) => {
    expect(redactSecrets(code)).toBe(code);
  });
});

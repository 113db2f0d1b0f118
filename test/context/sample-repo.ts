import { createTempRepo, type TempRepo } from './temp-repo.js';

/** Secret values planted in the sample repository; none may ever appear in a context block. */
export const PLANTED_SECRETS = ['sk-live-abcdefghijklmnopqrstuvwx123', 'sk-proj-ABCDEFGHIJKLMNOPQRSTUVWX1234', 'AKIAABCDEFGHIJKLMNOP'];

export const SAMPLE_FILES: Record<string, string> = {
  '.gitignore': 'dist/\n',
  '.env': `OPENAI_API_KEY=${PLANTED_SECRETS[0]}\n`,
  'dist/bundle.js': 'function computeRetryDelay(){return 1}\n',
  'src/http/retry-policy.ts': [
    '/** How long to wait before the next attempt: the server says so, or exponential backoff. */',
    'export function computeRetryDelay(attempt: number, retryAfterHeader?: string): number {',
    '  if (retryAfterHeader) return Number(retryAfterHeader) * 1000;',
    '  return Math.min(30_000, 2 ** attempt * 100);',
    '}',
    '',
    'export const MAX_ATTEMPTS = 5;',
    '',
  ].join('\n'),
  'src/http/client.ts': [
    "import { computeRetryDelay, MAX_ATTEMPTS } from './retry-policy.js';",
    '',
    'export class HttpClient {',
    '  async send(request: Request): Promise<Response> {',
    '    for (let attempt = 0; ; attempt++) {',
    '      const response = await fetch(request);',
    '      if (response.status !== 429 || attempt >= MAX_ATTEMPTS) return response;',
    "      await sleep(computeRetryDelay(attempt, response.headers.get('retry-after') ?? undefined));",
    '    }',
    '  }',
    '}',
    '',
    'const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));',
    '',
  ].join('\n'),
  'src/auth/verify-token.ts': [
    "import { createHmac } from 'node:crypto';",
    '',
    'export function verifyToken(token: string, secret: string): boolean {',
    "  const [payload, signature] = token.split('.');",
    "  return createHmac('sha256', secret).update(payload ?? '').digest('hex') === signature;",
    '}',
    '',
  ].join('\n'),
  'src/config/api-keys.ts': [
    '// Development defaults; production keys come from the environment.',
    `export const OPENAI_API_KEY = "${PLANTED_SECRETS[1]}";`,
    `const awsAccessKeyId = '${PLANTED_SECRETS[2]}';`,
    '',
    'export function apiKeyFor(provider: string): string {',
    "  return provider === 'aws' ? awsAccessKeyId : OPENAI_API_KEY;",
    '}',
    '',
  ].join('\n'),
  'src/storage/cache.go': [
    'package storage',
    '',
    'type Cache struct {',
    '\titems map[string]string',
    '}',
    '',
    '// Evict drops a key so the next read goes to the backing store.',
    'func (c *Cache) Evict(key string) error {',
    '\tdelete(c.items, key)',
    '\treturn nil',
    '}',
    '',
  ].join('\n'),
  'scripts/load_settings.py': ['def load_settings(path):', '    """Read the YAML settings file."""', '    with open(path) as handle:', '        return handle.read()', ''].join('\n'),
  'src/parser/lexer.rs': ['pub struct Lexer {', '    position: usize,', '}', '', 'impl Lexer {', '    pub fn next_token(&mut self) -> Option<char> {', '        None', '    }', '}', ''].join('\n'),
  'docs/backoff.md': ['# Waiting between attempts', '', 'Clients wait longer after each failure, up to thirty seconds.', ''].join('\n'),
};

export function createSampleRepo(): TempRepo {
  return createTempRepo(SAMPLE_FILES);
}

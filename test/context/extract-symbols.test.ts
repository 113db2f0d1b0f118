import { describe, expect, it } from 'vitest';
import { chunkFile, MAX_CHUNK_LINES } from '../../src/context/index/chunk-file.js';
import { extractSymbols } from '../../src/context/index/extract-symbols.js';

const definitions = (path: string, text: string) =>
  extractSymbols(path, text).map(({ name, kind, startLine, endLine }) => `${kind} ${name} ${startLine}-${endLine}`);

describe('extractSymbols', () => {
  it('finds TypeScript definitions with the lines they span', () => {
    const text = [
      "import { x } from './x.js';", // 1
      '', // 2
      'export interface Options {', // 3
      '  retries: number;', // 4
      '}', // 5
      'export type Mode = "a" | "b";', // 6
      'export async function fetchWithRetry(url: string, options: Options): Promise<Response> {', // 7
      '  const pattern = /[{(]/;', // 8  (a regex with brackets must not confuse the scan)
      "  const text = `}${url}{`;", // 9
      '  return fetch(url);', // 10
      '}', // 11
      'export const computeDelay = (', // 12
      '  { base, factor }: { base: number; factor: number },', // 13
      '  attempt: number,', // 14
      ') => {', // 15
      '  return base * factor ** attempt;', // 16
      '};', // 17
      'export class Client<T extends { id: string }>', // 18
      '  extends Base', // 19
      '{', // 20
      '  async send(request: T): Promise<void> {', // 21
      '    await this.post(request);', // 22
      '  }', // 23
      '}', // 24
      'export const LIMIT = 10;', // 25
    ].join('\n');
    expect(definitions('src/client.ts', text)).toEqual([
      'interface Options 3-5',
      'type Mode 6-6',
      'function fetchWithRetry 7-11',
      'function computeDelay 12-17',
      'class Client 18-24',
      'method send 21-23',
      'variable LIMIT 25-25',
    ]);
  });

  it('finds CommonJS and object-literal methods in JavaScript', () => {
    const text = ['function Help() {}', 'Help.prototype.format = function (cmd) {', '  return cmd;', '};', 'exports.run = async () => {', '  return 1;', '};'].join('\n');
    expect(definitions('lib/help.js', text)).toEqual(['function Help 1-1', 'method format 2-4', 'function run 5-7']);
  });

  it('does not take calls for method definitions', () => {
    const text = ['function main() {', '  setTimeout(() => {', '    run();', '  }, 10);', "  describe('x', () => {", '  });', '  if (ok) {', '  }', '}'].join('\n');
    expect(definitions('src/main.ts', text)).toEqual(['function main 1-9']);
  });

  it('finds Python definitions by indentation', () => {
    const text = ['MAX_SIZE = 10', '', 'class Store:', '    def get(self, key):', '        return self.data[key]', '', '    def put(self, key, value):', '        self.data[key] = value', '', 'def load_settings(path):', '    return {}'].join('\n');
    expect(definitions('store.py', text)).toEqual(['variable MAX_SIZE 1-1', 'class Store 3-8', 'method get 4-5', 'method put 7-8', 'function load_settings 10-11']);
  });

  it('finds Go definitions', () => {
    const text = ['package cache', '', 'type Cache struct {', '\titems map[string]string', '}', '', 'func (c *Cache) Evict(key string) error {', '\tdelete(c.items, key)', '\treturn nil', '}', '', 'func New() *Cache {', '\treturn &Cache{}', '}'].join('\n');
    expect(definitions('cache.go', text)).toEqual(['struct Cache 3-5', 'method Evict 7-10', 'function New 12-14']);
  });

  it("finds Rust definitions without mistaking lifetimes for strings", () => {
    const text = ["pub struct Lexer<'a> {", "    input: &'a str,", '}', '', "impl<'a> Lexer<'a> {", "    pub fn tokenize(&self) -> Vec<Token<'a>> {", '        vec![]', '    }', '}', '', 'pub enum Token<\'a> {', "    Word(&'a str),", '}'].join('\n');
    expect(definitions('lexer.rs', text)).toEqual(['struct Lexer 1-3', 'impl Lexer 5-9', 'function tokenize 6-8', 'enum Token 11-13']);
  });

  it('reads files with Windows line endings', () => {
    const text = ['export const run = () => {', '  return 1;', '};', 'class A {', '  method() {', '  }', '}'].join('\r\n');
    expect(definitions('a.ts', text)).toEqual(['function run 1-3', 'class A 4-7', 'method method 5-6']);
  });

  it('knows nothing about other languages (they are chunked by windows)', () => {
    expect(extractSymbols('notes.txt', '# Title\nfunction x() {}')).toEqual([]);
    expect(extractSymbols('schema.sql', 'CREATE FUNCTION x() ...')).toEqual([]);
  });

  it('reads Markdown as sections named by their headings, ignoring fenced code', () => {
    const text = [
      '# Your first day', // 1
      'Install Node.', // 2
      '## Access', // 3
      'Ask for **staging** access.', // 4
      '```sh', // 5
      '# not a heading', // 6
      '```', // 7
      '## The `pnpm` [workspace](docs/ws.md) ##', // 8
      'Run pnpm install.', // 9
      '# Second week', // 10
      'Shadow on-call.', // 11
    ].join('\n');
    expect(definitions('docs/onboarding.md', text)).toEqual([
      'section Your first day 1-9',
      'section Access 3-7',
      'section The pnpm workspace 8-9',
      'section Second week 10-11',
    ]);
  });
});

describe('chunkFile', () => {
  it('covers every non-blank line once, with definitions whole', () => {
    const lines = ['import a;', '', 'function one() {', '  return 1;', '}', '', 'const x = 1;', 'function two() {', '}'];
    const symbols = extractSymbols('a.ts', lines.join('\n'));
    const chunks = chunkFile(symbols, lines);
    expect(chunks.map(({ startLine, endLine }) => `${startLine}-${endLine}`)).toEqual(['1-1', '3-5', '7-7', '8-9']);
  });

  it("keeps a definition's doc comment and decorators with it", () => {
    const lines = ['const a = 1;', '', '/**', ' * Why this exists.', ' */', '@memoize()', 'export function documented() {', '  return a;', '}'];
    const symbols = extractSymbols('a.ts', lines.join('\n'));
    expect(chunkFile(symbols, lines).map(({ startLine, endLine }) => `${startLine}-${endLine}`)).toEqual(['1-1', '3-9']);
  });

  it('splits a long class into its members', () => {
    const methods = Array.from({ length: 8 }, (_, index) => [`  method${index}() {`, ...Array.from({ length: 18 }, () => '    work();'), '  }']).flat();
    const lines = ['class Big {', ...methods, '}'];
    const symbols = extractSymbols('big.ts', lines.join('\n'));
    const chunks = chunkFile(symbols, lines);
    expect(lines.length).toBeGreaterThan(MAX_CHUNK_LINES);
    expect(chunks.every((chunk) => chunk.endLine - chunk.startLine + 1 <= MAX_CHUNK_LINES)).toBe(true);
    expect(chunks.filter((chunk) => symbols[chunk.symbol]?.kind === 'method')).toHaveLength(8);
  });
});

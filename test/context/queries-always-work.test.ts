import { afterEach, describe, expect, it } from 'vitest';
import { previewContext } from '../../src/context/preview-context.js';
import { createTempRepo } from './temp-repo.js';

const cleanups: Array<() => unknown> = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
});

const FILES = {
  'src/cli/options.ts': [
    "program.option('--dry-run', 'print the context instead of launching');",
    "program.option('-m, --model <name>', 'model to use');",
    '',
  ].join('\n'),
  'src/cli/run.ts': ['export function run(options: { dryRun?: boolean }) {', '  if (options.dryRun) return preview();', '  return launch();', '}', ''].join('\n'),
  'src/lexer/tokens.ts': ["export const OPERATORS = ['??=', '?.', '::'];", ''].join('\n'),
  'docs/ru/кэш.md': ['# Кэш', '', 'Кэш хранит ответы сервера десять минут.', ''].join('\n'),
  'src/server/listen.ts': ['export const DEFAULT_PORT = 8080;', ''].join('\n'),
};

describe('any question yields context when the repository has matching text', () => {
  it.each([
    ['what does `--dry-run` do?', 'src/cli/options.ts'],
    ['what is `-m`?', 'src/cli/options.ts'],
    ['::', 'src/lexer/tokens.ts'],
    ['как работает кэш?', 'docs/ru/кэш.md'],
    ['what listens on 8080?', 'src/server/listen.ts'],
  ])('%s', async (question, expected) => {
    const repo = createTempRepo(FILES);
    cleanups.push(() => repo.remove());
    for (const useRipgrep of [true, false]) {
      const pack = await previewContext(question, { repoRoot: repo.root, cacheDir: false, useRipgrep });
      expect(pack.items.map((item) => item.path), `useRipgrep: ${useRipgrep}`).toContain(expected);
    }
  });
});

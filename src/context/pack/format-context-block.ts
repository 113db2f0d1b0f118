import { escapeControlCharacters } from '../../log/escape-control-characters.js';
import type { ContextItem } from '../context-engine.js';

/** Opening tag of the injected message; also how we recognise our own message in a replayed history. */
export const CONTEXT_BLOCK_TAG = 'codex-ctx-context';

export const CONTEXT_BLOCK_HEADER =
  `<${CONTEXT_BLOCK_TAG}>\n` +
  'Repository excerpts that codex-ctx retrieved for the request above (the workspace as it was when the ' +
  'request arrived; excerpts may be partial). Use them if they help. When you rely on one, cite it as [n].\n';
export const CONTEXT_BLOCK_FOOTER = `</${CONTEXT_BLOCK_TAG}>`;

const LANGUAGE_BY_EXTENSION: Record<string, string> = {
  ts: 'ts', tsx: 'tsx', mts: 'ts', cts: 'ts', js: 'js', jsx: 'jsx', mjs: 'js', cjs: 'js', py: 'python', go: 'go', rs: 'rust',
  java: 'java', kt: 'kotlin', rb: 'ruby', php: 'php', cs: 'csharp', c: 'c', h: 'c', cpp: 'cpp', hpp: 'cpp', swift: 'swift',
  sh: 'bash', md: 'markdown', json: 'json', yaml: 'yaml', yml: 'yaml', toml: 'toml', sql: 'sql', html: 'html', css: 'css',
};

function languageTag(path: string): string {
  const dot = path.lastIndexOf('.');
  return dot < 0 ? '' : (LANGUAGE_BY_EXTENSION[path.slice(dot + 1).toLowerCase()] ?? '');
}

/** Scores are small fused numbers; three significant digits are enough to compare them. */
export function formatScore(score: number): string {
  return score >= 1 ? score.toFixed(2) : score.toPrecision(3);
}

/** `[n] path:start-end (source, score)` then the code in a fence longer than any backtick run inside it. */
export function formatContextItem(number: number, item: Omit<ContextItem, 'tokens'>): string {
  const longestRun = Math.max(2, ...(item.text.match(/`+/g) ?? []).map((run) => run.length));
  const fence = '`'.repeat(longestRun + 1);
  // A newline in a file name would forge a second header line.
  const path = escapeControlCharacters(item.path);
  return (
    `\n[${number}] ${path}:${item.startLine}-${item.endLine} (${item.source}, ${formatScore(item.score)})\n` +
    `${fence}${languageTag(item.path)}\n${item.text}\n${fence}\n`
  );
}

export function formatContextBlock(items: ReadonlyArray<Omit<ContextItem, 'tokens'>>): string {
  return CONTEXT_BLOCK_HEADER + items.map((item, index) => formatContextItem(index + 1, item)).join('') + CONTEXT_BLOCK_FOOTER;
}

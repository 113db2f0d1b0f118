import { relative } from 'node:path';
import type { Problem } from './validate-notes.js';

/** `file:line: message` per problem (editors and terminals make these clickable), then a count. */
export function formatProblems(problems: readonly Problem[], options: { relativeTo?: string } = {}): string {
  if (problems.length === 0) return 'No problems found.';
  const lines = problems.map((problem) => {
    const file = options.relativeTo ? relative(options.relativeTo, problem.file) || problem.file : problem.file;
    return `${file}${problem.line ? `:${problem.line}` : ''}: ${problem.message}`;
  });
  lines.push(`${problems.length} problem${problems.length === 1 ? '' : 's'}`);
  return lines.join('\n');
}

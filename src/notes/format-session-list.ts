import { relative } from 'node:path';
import type { SessionSummary } from './list-sessions.js';

/** A plain aligned table, newest first, for `codex-ctx log list`. */
export function formatSessionList(sessions: readonly SessionSummary[], options: { relativeTo?: string } = {}): string {
  if (sessions.length === 0) return 'No sessions found.';
  const rows = [
    ['CREATED', 'TURNS', 'TOKENS', 'MODEL', 'ID', 'FIRST QUESTION', 'NOTE'],
    ...sessions.map((session) => [
      session.created.replace('T', ' '),
      String(session.turns),
      session.tokens.toLocaleString('en-US'),
      session.model,
      session.id,
      session.question ?? '',
      options.relativeTo ? relative(options.relativeTo, session.file) : session.file,
    ]),
  ];
  const widths = rows[0]!.map((_, column) => Math.max(...rows.map((row) => (row[column] ?? '').length)));
  return rows
    .map((row) => row.map((cell, column) => (column === row.length - 1 ? cell : cell.padEnd(widths[column] ?? 0))).join('  '))
    .join('\n');
}

import { inlineText } from './inline-text.js';
import { clockTime, localDateTime } from './note-name.js';
import { renderFrontmatter } from './render-frontmatter.js';
import { countRescuedCalls, describeRescuedCalls, formatCount, formatDuration, type TurnSummary } from './summarize-turn.js';

export interface SessionHubInput {
  name: string;
  shortId: string;
  sessionId: string;
  startedAt: Date;
  model: string;
  backend: string;
  /** Every turn of the session, oldest first, with its note name. */
  turns: ReadonlyArray<{ name: string; summary: TurnSummary }>;
}

/** The session's hub: its properties and a link to every turn note, so no turn is an orphan. */
export function renderSessionHubNote(input: SessionHubInput): string {
  let tokens = 0;
  let durationMs = 0;
  const threads = new Set<string>();
  const rescuedShapes = new Map<string, number>();
  for (const { summary } of input.turns) {
    for (const [shape, count] of summary.rescuedShapes) rescuedShapes.set(shape, (rescuedShapes.get(shape) ?? 0) + count);
    tokens += summary.tokens;
    durationMs += summary.durationMs;
    if (summary.threadId) threads.add(summary.threadId);
  }

  const lines = renderFrontmatter([
    ['tags', ['codex-ctx', 'codex-ctx/session']],
    ['aliases', [`codex-ctx session ${input.shortId}`]],
    ['created', { dateTime: localDateTime(input.startedAt) }],
    ['session_id', input.sessionId],
    ['model', input.model],
    ['backend', input.backend],
    ['threads', [...threads]],
    ['turns', input.turns.length],
    ['tokens', tokens],
    ['duration_ms', durationMs],
    ['rescued_calls', countRescuedCalls(rescuedShapes)],
  ]);

  const started = localDateTime(input.startedAt).replace('T', ' ');
  lines.push(
    '',
    `# codex-ctx session ${input.shortId}`,
    '',
    `Started ${started} · ${inlineText(input.model)} via ${inlineText(input.backend)} · ` +
      `${formatCount(input.turns.length)} turn${input.turns.length === 1 ? '' : 's'} · ${formatCount(tokens)} tokens` +
      (rescuedShapes.size > 0 ? ` · ${describeRescuedCalls(rescuedShapes)}` : ''),
    '',
    '## Turns',
    '',
  );
  if (input.turns.length === 0) lines.push('_No turns yet._');
  input.turns.forEach(({ name, summary }, index) => {
    const label = `${clockTime(summary.startedAt).slice(0, 8)} · ${summary.title}`;
    const requests = `${summary.requests} request${summary.requests === 1 ? '' : 's'}`;
    const status = summary.status === 'completed' ? '' : ` · ${summary.status}`;
    lines.push(
      `${index + 1}. [[${name}|${label}]] · ${requests} · ${formatCount(summary.tokens)} tokens · ${formatDuration(summary.durationMs)}${status}`,
    );
  });
  return lines.join('\n') + '\n';
}

import { extname } from 'node:path';
import type { RecordedContextItem, TurnRecord } from './session-recorder.js';
import { callout, isLongPayload } from './callout.js';
import { fencedBlock } from './fenced-block.js';
import { inlineText } from './inline-text.js';
import { clockTime, localDateTime } from './note-name.js';
import { renderFrontmatter } from './render-frontmatter.js';
import { sourceLink } from './source-link.js';
import { countRescuedCalls, formatCount, formatDuration, summarizeTurn } from './summarize-turn.js';

export interface TurnNoteInput {
  /** This note's name (file name without `.md`). */
  name: string;
  shortId: string;
  session: { name: string; shortId: string };
  /** The turn's requests in arrival order, already sanitized (see sanitizeTurnRecord). */
  records: readonly TurnRecord[];
  /** Absolute folder of the note and repo root, for relative links to source files. */
  noteDir: string;
  repoRoot: string;
}

/**
 * One user turn as a person reads it: the question, the final answer, each request of the turn (Codex's
 * tool round trips) with its tool calls, and last the repository context we injected, folded.
 */
export function renderTurnNote(input: TurnNoteInput): string {
  const summary = summarizeTurn(input.records);
  const first = input.records[0];
  if (!first) throw new Error('a turn has at least one request');

  const lines = renderFrontmatter([
    ['tags', ['codex-ctx', 'codex-ctx/turn']],
    ['aliases', [`Turn ${input.shortId}: ${summary.title}`]],
    ['created', { dateTime: localDateTime(summary.startedAt) }],
    ['session', `[[${input.session.name}]]`],
    ['model', summary.model],
    ['backend', summary.backend],
    ['thread', summary.threadId],
    ['turn_id', summary.turnId],
    ['requests', summary.requests],
    ['status', summary.status],
    ['tokens', summary.tokens],
    ['context_tokens', summary.contextTokens],
    ['duration_ms', summary.durationMs],
    ['rescued_calls', countRescuedCalls(summary.rescuedShapes)],
  ]);

  lines.push(
    '',
    `# Turn ${input.shortId}: ${summary.title}`,
    '',
    `Part of [[${input.session.name}|session ${input.session.shortId}]] · ${plural(summary.requests, 'request')} · ` +
      `${inlineText(summary.model)} via ${inlineText(summary.backend)} · ${formatDuration(summary.durationMs)}`,
    '',
    '## Question',
    '',
    ...payload(first.question, 'Question', 'text'),
  );

  // What a reader came for first: the answer, then how it was reached, then what we injected.
  const finalIndex = findLastIndex(input.records, (record) => record.answer.trim() !== '');
  lines.push('', '## Answer', '');
  if (finalIndex === -1) lines.push(summary.status === 'completed' ? '_No text answer._' : `_No text answer (${summary.status})._`);
  else lines.push(...payload(input.records[finalIndex]!.answer, 'Answer', 'markdown'));

  lines.push('', '## Requests');
  input.records.forEach((record, index) => {
    lines.push(
      '',
      `### Request ${index + 1} · ${clockTime(record.startedAt)} · ${record.status} · ${formatDuration(record.durationMs)}`,
      '',
      requestFacts(record),
    );
    if (index > 0 && record.question !== first.question) {
      lines.push('', ...callout({ type: 'question', title: 'Question', body: fencedBlock(record.question, 'text') }));
    }
    for (const call of record.toolCalls) {
      lines.push('', ...callout({ type: 'example', title: inlineText(call.name) || 'tool', folded: true, body: toolInput(call.input) }));
    }
    if (record.rescuedCalls && record.rescuedCalls.length > 0) {
      const rescued = record.rescuedCalls.map((call) => `${inlineText(call.tool)} (${inlineText(call.shape)})`).join(', ');
      lines.push('', `_Written as text by the model and rescued into tool calls: ${rescued}._`);
    }
    if (record.reasoning) {
      lines.push('', ...callout({ type: 'note', title: 'Reasoning', folded: true, body: fencedBlock(record.reasoning, 'text') }));
    }
    if (record.error) {
      lines.push('', ...callout({ type: 'failure', title: 'Error', body: fencedBlock(record.error, 'text') }));
    }
    if (index === finalIndex) lines.push('', '_Answered (above)._');
    else if (record.answer.trim() !== '') lines.push('', ...payload(record.answer, 'Text', 'markdown'));
    else if (record.toolCalls.length === 0 && !record.error) lines.push('', '_No text._');
  });

  const contexts = input.records.flatMap((record, index) =>
    record.context && record.context.items.length > 0 ? [{ context: record.context, number: index + 1 }] : [],
  );
  if (contexts.length > 0) {
    lines.push('', '## Context added');
    let previous: { block: string; number: number } | undefined;
    for (const { context, number } of contexts) {
      if (previous && previous.block === context.block) {
        lines.push('', `Request ${number}: the same context as request ${previous.number}.`);
        continue;
      }
      previous = { block: context.block, number };
      lines.push(
        '',
        `### Request ${number} · ${plural(context.items.length, 'snippet')} · ${formatCount(context.tokens.used)} of ${formatCount(context.tokens.budget)} tokens`,
      );
      for (const item of context.items) lines.push('', ...contextCallout(item, input));
    }
  }

  return lines.join('\n') + '\n';
}

function requestFacts(record: TurnRecord): string {
  const facts = [`\`${record.requestId.replace(/`/g, '')}\``, record.endpoint];
  if (record.usage) {
    facts.push(`${formatCount(record.usage.inputTokens)} input / ${formatCount(record.usage.outputTokens)} output tokens`);
  }
  if (record.model) facts.push(inlineText(record.model));
  return facts.join(' · ');
}

/** Short payloads inline; long ones (over ~40 lines or ~2,000 chars) in a folded quote callout. */
function payload(text: string, label: string, language: string): string[] {
  if (!isLongPayload(text)) return fencedBlock(text, language);
  const lineCount = text.split('\n').length;
  return callout({
    type: 'quote',
    title: `${label} · ${plural(lineCount, 'line')} · ${formatCount(text.length)} chars`,
    folded: true,
    body: fencedBlock(text, language),
  });
}

function contextCallout(item: RecordedContextItem, input: TurnNoteInput): string[] {
  const link = sourceLink({
    path: item.path,
    startLine: item.startLine,
    endLine: item.endLine,
    noteDir: input.noteDir,
    repoRoot: input.repoRoot,
  });
  const language = extname(item.path).slice(1).toLowerCase();
  return callout({
    type: 'cite',
    title: `${link} · ${item.source} · score ${item.score.toFixed(3)}`,
    // Always folded: the context is the evidence, not what the reader came for.
    folded: true,
    body: fencedBlock(item.text, /^[a-z0-9]+$/.test(language) ? language : 'text'),
  });
}

function toolInput(input: string): string[] {
  try {
    const parsed: unknown = JSON.parse(input);
    if (parsed !== null && typeof parsed === 'object') return fencedBlock(JSON.stringify(parsed, null, 2), 'json');
  } catch {
    // Not JSON (custom tools such as apply_patch send free text): keep it verbatim.
  }
  return fencedBlock(input, 'text');
}

function findLastIndex<T>(items: readonly T[], predicate: (item: T) => boolean): number {
  for (let index = items.length - 1; index >= 0; index--) if (predicate(items[index]!)) return index;
  return -1;
}

function plural(count: number, noun: string): string {
  return `${formatCount(count)} ${noun}${count === 1 ? '' : 's'}`;
}

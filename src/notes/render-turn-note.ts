import { extname } from 'node:path';
import type { RecordedContextItem, TurnRecord } from './session-recorder.js';
import { callout, isLongPayload } from './callout.js';
import { fencedBlock } from './fenced-block.js';
import { inlineText } from './inline-text.js';
import { clockTime, localDateTime } from './note-name.js';
import { renderFrontmatter } from './render-frontmatter.js';
import { sourceLink } from './source-link.js';
import { formatCount, formatDuration, summarizeTurn } from './summarize-turn.js';

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

/** One user turn: the question, then every request of the turn (Codex's tool round trips) in order. */
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

  let previousContext: { block: string; request: number } | undefined;
  input.records.forEach((record, index) => {
    const number = index + 1;
    lines.push(
      '',
      `## Request ${number} · ${clockTime(record.startedAt)} · ${record.status} · ${formatDuration(record.durationMs)}`,
      '',
      requestFacts(record),
    );
    if (index > 0 && record.question !== first.question) {
      lines.push('', '### Question', '', ...payload(record.question, 'Question', 'text'));
    }
    if (record.context && record.context.items.length > 0) {
      if (previousContext && previousContext.block === record.context.block) {
        lines.push('', `Same context as request ${previousContext.request}.`);
      } else {
        previousContext = { block: record.context.block, request: number };
        const { items, tokens } = record.context;
        lines.push(
          '',
          `### Context · ${plural(items.length, 'snippet')} · ${formatCount(tokens.used)} of ${formatCount(tokens.budget)} tokens`,
        );
        for (const item of items) lines.push('', ...contextCallout(item, input));
      }
    }
    if (record.toolCalls.length > 0) {
      lines.push('', '### Tool calls');
      for (const call of record.toolCalls) {
        lines.push('', ...callout({ type: 'example', title: inlineText(call.name) || 'tool', folded: true, body: toolInput(call.input) }));
      }
    }
    if (record.reasoning) {
      lines.push('', ...callout({ type: 'note', title: 'Reasoning', folded: true, body: fencedBlock(record.reasoning, 'text') }));
    }
    if (record.error) {
      lines.push('', ...callout({ type: 'failure', title: 'Error', body: fencedBlock(record.error, 'text') }));
    }
    lines.push('', '### Answer', '');
    if (record.answer.trim() === '') {
      lines.push(record.toolCalls.length > 0 ? '_No text: the model called tools._' : '_No text answer._');
    } else {
      lines.push(...payload(record.answer, 'Answer', 'markdown'));
    }
  });

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
    folded: isLongPayload(item.text),
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

function plural(count: number, noun: string): string {
  return `${formatCount(count)} ${noun}${count === 1 ? '' : 's'}`;
}

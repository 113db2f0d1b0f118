import type { TurnRecord } from './session-recorder.js';
import { inlineText } from './inline-text.js';

/** What both the turn note's properties and the session hub's turn list say about one turn. */
export interface TurnSummary {
  title: string;
  startedAt: Date;
  requests: number;
  status: TurnRecord['status'];
  model: string;
  backend: string;
  threadId?: string | undefined;
  turnId?: string | undefined;
  tokens: number;
  contextTokens: number;
  durationMs: number;
  /** Tool calls the model wrote as text and the proxy rescued, per shape (`bare-json`: 2). */
  rescuedShapes: ReadonlyMap<string, number>;
}

export function summarizeTurn(records: readonly TurnRecord[]): TurnSummary {
  const first = records[0];
  const last = records.at(-1);
  if (!first || !last) throw new Error('a turn has at least one request');
  const question = first.question.split('\n').find((line) => line.trim() !== '') ?? '';
  let tokens = 0;
  let durationMs = 0;
  let contextTokens = 0;
  const rescuedShapes = new Map<string, number>();
  for (const record of records) {
    for (const call of record.rescuedCalls ?? []) rescuedShapes.set(call.shape, (rescuedShapes.get(call.shape) ?? 0) + 1);
    tokens += (record.usage?.inputTokens ?? 0) + (record.usage?.outputTokens ?? 0);
    durationMs += record.durationMs;
    contextTokens = Math.max(contextTokens, record.context?.tokens.used ?? 0);
  }
  return {
    title: inlineText(question, 60) || 'no question',
    startedAt: first.startedAt,
    requests: records.length,
    status: last.status,
    model: last.model,
    backend: last.backend,
    threadId: records.find((record) => record.threadId)?.threadId,
    turnId: first.turnId,
    tokens,
    contextTokens,
    durationMs: Math.round(durationMs),
    rescuedShapes,
  };
}

export function formatCount(value: number): string {
  return value.toLocaleString('en-US');
}

export function formatDuration(ms: number): string {
  return ms < 1000 ? `${Math.round(ms)} ms` : `${(ms / 1000).toFixed(1)} s`;
}

/** Total of a per-shape count; `undefined` when zero, so notes without rescues keep their properties. */
export function countRescuedCalls(shapes: ReadonlyMap<string, number>): number | undefined {
  let total = 0;
  for (const count of shapes.values()) total += count;
  return total === 0 ? undefined : total;
}

/** `3 tool calls rescued from text (bare-json 2, patch-envelope 1)`, or '' when there were none. */
export function describeRescuedCalls(shapes: ReadonlyMap<string, number>): string {
  const total = countRescuedCalls(shapes);
  if (total === undefined) return '';
  const perShape = [...shapes].map(([shape, count]) => `${shape} ${formatCount(count)}`).join(', ');
  return `${formatCount(total)} tool call${total === 1 ? '' : 's'} rescued from text (${perShape})`;
}

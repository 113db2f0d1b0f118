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
}

export function summarizeTurn(records: readonly TurnRecord[]): TurnSummary {
  const first = records[0];
  const last = records.at(-1);
  if (!first || !last) throw new Error('a turn has at least one request');
  const question = first.question.split('\n').find((line) => line.trim() !== '') ?? '';
  let tokens = 0;
  let durationMs = 0;
  let contextTokens = 0;
  for (const record of records) {
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
  };
}

export function formatCount(value: number): string {
  return value.toLocaleString('en-US');
}

export function formatDuration(ms: number): string {
  return ms < 1000 ? `${Math.round(ms)} ms` : `${(ms / 1000).toFixed(1)} s`;
}

/**
 * Codex describes each request in `x-codex-turn-metadata` (spec §2): which turn it belongs to and
 * whether it is a real turn, a compaction, or the TUI's title side request.
 */
export interface CodexRequestMetadata {
  turnId?: string | undefined;
  threadId?: string | undefined;
  requestKind?: string | undefined;
  threadSource?: string | undefined;
}

export function readCodexRequestMetadata(headers: Headers): CodexRequestMetadata {
  const raw = headers.get('x-codex-turn-metadata');
  let parsed: Record<string, unknown> = {};
  if (raw) {
    try {
      parsed = JSON.parse(raw) as Record<string, unknown>;
    } catch {
      // A header we cannot read only costs us the grouping; never fail the request for it.
    }
  }
  const text = (value: unknown) => (typeof value === 'string' && value ? value : undefined);
  return {
    turnId: text(parsed.turn_id),
    threadId: text(parsed.thread_id) ?? text(headers.get('thread-id')) ?? text(headers.get('session-id')),
    requestKind: text(parsed.request_kind),
    threadSource: text(parsed.thread_source),
  };
}

export function isTitleRequest(metadata: CodexRequestMetadata): boolean {
  return metadata.threadSource === 'thread_title';
}

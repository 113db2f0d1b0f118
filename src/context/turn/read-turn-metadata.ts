import type { ResponsesRequest } from '../../wire/responses-request-schema.js';

/** The fields of Codex's `x-codex-turn-metadata` that routing needs (spec §2). */
export interface TurnMetadata {
  turnId?: string | undefined;
  threadId?: string | undefined;
  /** `turn` or `compaction`. */
  requestKind?: string | undefined;
  /** `user` or `thread_title`. */
  threadSource?: string | undefined;
}

function parse(json: unknown): TurnMetadata | undefined {
  if (typeof json !== 'string' || json === '') return undefined;
  try {
    const value = JSON.parse(json) as Record<string, unknown>;
    const text = (key: string) => (typeof value[key] === 'string' ? (value[key] as string) : undefined);
    return { turnId: text('turn_id'), threadId: text('thread_id'), requestKind: text('request_kind'), threadSource: text('thread_source') };
  } catch {
    return undefined;
  }
}

/** Reads the turn metadata from the header, else from the copy Codex puts in `client_metadata`. */
export function readTurnMetadata(headers: Headers, request: ResponsesRequest): TurnMetadata {
  const clientMetadata = (request as { client_metadata?: Record<string, unknown> }).client_metadata;
  const metadata = parse(headers.get('x-codex-turn-metadata')) ?? parse(clientMetadata?.['x-codex-turn-metadata']) ?? {};
  const threadId = metadata.threadId ?? headers.get('thread-id') ?? request.prompt_cache_key ?? undefined;
  return { ...metadata, threadId };
}

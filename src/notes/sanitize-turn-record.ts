import type { TurnRecord } from './session-recorder.js';
import { replaceDataUrls } from './replace-data-urls.js';

/**
 * Everything that reaches a note passes through here first: images become placeholders, then secrets
 * (known values and secret-shaped strings) are redacted. Redacting fields rather than the rendered note
 * keeps our own structure (e.g. `tokens: 12345678` in the frontmatter) out of the redactor's reach.
 */
export function sanitizeTurnRecord(record: TurnRecord, redact: (text: string) => string): TurnRecord {
  const clean = (text: string) => redact(replaceDataUrls(text));
  const optional = (text: string | undefined) => (text === undefined ? undefined : clean(text));
  return {
    ...record,
    requestId: clean(record.requestId),
    turnId: optional(record.turnId),
    threadId: optional(record.threadId),
    model: clean(record.model),
    backend: clean(record.backend),
    question: clean(record.question),
    answer: clean(record.answer),
    reasoning: optional(record.reasoning),
    error: optional(record.error),
    toolCalls: record.toolCalls.map((call) => ({ name: clean(call.name), input: clean(call.input) })),
    context: record.context && {
      query: clean(record.context.query),
      tokens: { ...record.context.tokens },
      // Only compared (same context across a turn's requests), never written.
      block: record.context.block,
      items: record.context.items.map((item) => ({ ...item, path: clean(item.path), text: clean(item.text) })),
    },
  };
}

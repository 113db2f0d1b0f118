import { escapeControlCharacters, escapeControlCharactersInText } from '../log/escape-control-characters.js';
import type { TurnRecord } from './session-recorder.js';
import { replaceDataUrls } from './replace-data-urls.js';

/**
 * Everything that reaches a note passes through here first: images become placeholders, then secrets
 * (known values and secret-shaped strings) are redacted, then control characters are escaped (a NUL
 * byte makes the note binary; a newline in a file name or id tears the line that shows it). Working on
 * fields rather than the rendered note keeps our own structure (e.g. `tokens: 12345678` in the
 * frontmatter) out of the redactor's reach.
 */
export function sanitizeTurnRecord(record: TurnRecord, redact: (text: string) => string): TurnRecord {
  const clean = (text: string) => escapeControlCharactersInText(redact(replaceDataUrls(text)));
  const optional = (text: string | undefined) => (text === undefined ? undefined : clean(text));
  const name = (text: string) => escapeControlCharacters(redact(text));
  const optionalName = (text: string | undefined) => (text === undefined ? undefined : name(text));
  return {
    ...record,
    requestId: name(record.requestId),
    turnId: optionalName(record.turnId),
    threadId: optionalName(record.threadId),
    model: name(record.model),
    backend: name(record.backend),
    question: clean(record.question),
    answer: clean(record.answer),
    reasoning: optional(record.reasoning),
    error: optional(record.error),
    toolCalls: record.toolCalls.map((call) => ({ name: name(call.name), input: clean(call.input) })),
    rescuedCalls: record.rescuedCalls?.map((call) => ({ tool: name(call.tool), shape: name(call.shape) })),
    context: record.context && {
      query: clean(record.context.query),
      tokens: { ...record.context.tokens },
      // Only compared (same context across a turn's requests), never written.
      block: record.context.block,
      items: record.context.items.map((item) => ({ ...item, path: name(item.path), text: clean(item.text) })),
    },
  };
}

import type { ChunkSink } from '../backend.js';
import type { ChatContentRescue } from '../../responses/rescue-tool-calls-in-chat-content.js';

/**
 * An OpenAI-compatible server's whole `chat.completion` body (`stream: false`), with tool calls the
 * model wrote as text turned into real ones (issue 14): `message.content` goes through the rescuer,
 * rescued calls join `message.tool_calls` (before the server's own, as the text came first), and the
 * finish reason becomes `tool_calls`. A body with nothing rescued, or one we cannot read, goes out
 * byte for byte. Used only when the request declares tools.
 */
export function rescueToolCallsInChatCompletionBody(sink: ChunkSink<unknown>, rescue: ChatContentRescue): ChunkSink<unknown> {
  const parts: Uint8Array[] = [];
  return {
    write: (chunk) => sink.write(chunk),
    writeWire(bytes) {
      parts.push(bytes);
    },
    end() {
      const bytes = Buffer.concat(parts);
      sink.writeWire(rescueInBody(bytes, rescue) ?? bytes);
      sink.end();
    },
    fail: (error) => sink.fail(error),
  };
}

/** The body re-encoded with the rescued calls, or undefined when there are none. */
function rescueInBody(bytes: Buffer, rescue: ChatContentRescue): Buffer | undefined {
  let body: { choices?: Array<{ message?: Record<string, unknown>; finish_reason?: unknown }> };
  try {
    body = JSON.parse(bytes.toString('utf8')) as typeof body;
  } catch {
    return undefined;
  }
  const choice = Array.isArray(body?.choices) && body.choices.length === 1 ? body.choices[0] : undefined;
  const message = choice?.message;
  const content = message?.['content'];
  if (typeof content !== 'string' || content === '') return undefined;
  const released = rescue.push(content);
  const { text, calls } = rescue.end();
  if (calls.length === 0) return undefined;
  const ownCalls = Array.isArray(message!['tool_calls']) ? (message!['tool_calls'] as unknown[]) : [];
  // OpenAI answers `content: null` when the model only called tools.
  message!['content'] = released + text === '' ? null : released + text;
  message!['tool_calls'] = [...calls, ...ownCalls];
  if (choice!.finish_reason === 'stop') choice!.finish_reason = 'tool_calls';
  return Buffer.from(JSON.stringify(body));
}

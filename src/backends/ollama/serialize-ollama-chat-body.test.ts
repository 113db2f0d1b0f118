import { readdirSync, readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { responsesRequestSchema } from '../../wire/responses-request-schema.js';
import { convertResponsesRequestToOllama } from './responses/convert-responses-request-to-ollama.js';
import { serializeOllamaChatBody } from './serialize-ollama-chat-body.js';

const fixtureDir = new URL('../../../test/fixtures/codex/requests/', import.meta.url);
const bodies = readdirSync(fixtureDir)
  .filter((name) => name.endsWith('.json'))
  .map((name) => {
    const request = responsesRequestSchema.parse(JSON.parse(readFileSync(new URL(name, fixtureDir), 'utf8')).body);
    return [name, convertResponsesRequestToOllama(request, { numCtx: 32_768, thinking: 'boolean', keepAlive: '5m' }).body] as const;
  });

describe('serializeOllamaChatBody', () => {
  it.each(bodies)('writes exactly JSON.stringify(body) for %s, first and second time', (_name, body) => {
    expect(serializeOllamaChatBody(body).text).toBe(JSON.stringify(body));
    // Second time through the caches (same tools, same long texts).
    const again = serializeOllamaChatBody(structuredClone(body));
    expect(again.text).toBe(JSON.stringify(body));
    expect(again.toolsText).toBe(body.tools ? JSON.stringify(body.tools) : undefined);
  });

  it('notices a tool list or a long text that changed by one character', () => {
    const body = structuredClone(bodies.find(([, candidate]) => candidate.tools?.length)![1]);
    body.messages[0]!.content = 'A long system prompt with "quotes"\n and lines. '.repeat(200);
    expect(serializeOllamaChatBody(body).text).toBe(JSON.stringify(body));
    const changed = structuredClone(body);
    const tool = changed.tools![0]!;
    tool.function.description = `${tool.function.description ?? ''}!`;
    const long = changed.messages.find((message) => message.content.length > 4096)!;
    long.content = `${long.content.slice(0, -1)}${long.content.endsWith('x') ? 'y' : 'x'}`;
    expect(serializeOllamaChatBody(changed).text).toBe(JSON.stringify(changed));
    // Same keys in another order serialize differently, so they are not the same tools.
    const reordered = structuredClone(changed);
    reordered.tools = reordered.tools!.map((entry) => ({ function: entry.function, type: entry.type }));
    expect(serializeOllamaChatBody(reordered).text).toBe(JSON.stringify(reordered));
  });
});

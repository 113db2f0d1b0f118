import { readdirSync, readFileSync } from 'node:fs';
import { expect } from 'vitest';
import { ToolNameMap } from '../../src/responses/tool-name-map.js';
import type { ResponsesStreamOptions } from '../../src/responses/responses-stream-state.js';
import { parseSseFrames } from '../support/streams.js';

/** Every capture in test/fixtures/<folder> with the given extension, as [name, bytes]. */
export function captures(folder: string, extension: string): Array<[string, Buffer]> {
  const directory = new URL(`../fixtures/${folder}/`, import.meta.url);
  return readdirSync(directory)
    .filter((file) => file.endsWith(extension))
    .sort()
    .map((file) => [file.slice(0, -extension.length), readFileSync(new URL(file, directory))]);
}

/** Deterministic stream options with Codex's usual tools declared (apply_patch as a custom tool). */
export function responsesStreamOptions(): ResponsesStreamOptions {
  const toolNameMap = new ToolNameMap();
  toolNameMap.register({ kind: 'function', name: 'exec_command' });
  toolNameMap.register({ kind: 'custom', name: 'apply_patch' });
  let next = 0;
  return {
    responseId: 'resp_fixture',
    model: 'qwen3',
    toolNameMap,
    createdAt: 1790000000,
    generateId: (prefix) => `${prefix}_${++next}`,
    heartbeatIntervalMs: 0,
  };
}

/** What Codex relies on in every Responses stream (spec §3, §5). */
export function expectResponsesStreamInvariants(sse: string): void {
  const events = parseSseFrames(sse).map((frame) => frame.data as { type: string; sequence_number: number; output_index?: number; item?: { id: string } });
  expect(events[0]?.type).toBe('response.created');
  expect(events.map((event) => event.sequence_number)).toEqual(events.map((_, index) => index));
  const terminal = events.filter((event) => /^response\.(completed|incomplete|failed)$/.test(event.type));
  expect(terminal).toHaveLength(1);
  expect(events.at(-1)).toBe(terminal[0]);
  const added = events.filter((event) => event.type === 'response.output_item.added');
  const done = events.filter((event) => event.type === 'response.output_item.done');
  if (terminal[0]?.type !== 'response.failed') {
    expect(done.map((event) => [event.output_index, event.item?.id])).toEqual(added.map((event) => [event.output_index, event.item?.id]));
  }
}

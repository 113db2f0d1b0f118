import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { findLatestUserMessage, findUserMessages } from '../../src/context/query/find-user-messages.js';
import type { ResponsesRequest } from '../../src/wire/responses-request-schema.js';

const fixture = (name: string) =>
  JSON.parse(readFileSync(join(import.meta.dirname, '../fixtures/codex/requests', `${name}.json`), 'utf8')) as { body: ResponsesRequest };

describe('findLatestUserMessage on real Codex requests', () => {
  it.each([
    ['exec-text-turn1', 'say hi'],
    ['exec-tool-turn2', 'run echo'],
    ['exec-reasoning-tool-turn2', 'go'],
    ['tui-turn2-multi-turn-history', 'second message please'],
    // History replaced by the summary: the question is still the user's own message, not the summary.
    ['exec-after-compaction-turn', 'run a tool'],
    // Image wrapper tags are not what the user typed.
    ['exec-user-image', 'describe'],
  ])('%s → %j', (name, expected) => {
    expect(findLatestUserMessage(fixture(name).body.input)?.text).toBe(expected);
  });

  it('skips the environment block, which is the first user message of every request', () => {
    const messages = findUserMessages(fixture('exec-text-turn1').body.input);
    expect(messages.map((message) => message.text)).toEqual(['say hi']);
    expect(messages[0]?.index).toBe(3);
  });

  it('numbers real user messages across turns', () => {
    const messages = findUserMessages(fixture('tui-turn2-multi-turn-history').body.input);
    expect(messages.map((message) => [message.ordinal, message.text])).toEqual([
      [0, 'run:echo first-turn-ok'],
      [1, 'second message please'],
    ]);
  });

  it('ignores AGENTS.md and user-instruction blocks, tool outputs and our own context message', () => {
    const input = [
      { type: 'message', role: 'user', content: [{ type: 'input_text', text: '# AGENTS.md instructions for /repo\n\n<INSTRUCTIONS>\nuse pnpm\n</INSTRUCTIONS>' }] },
      { type: 'message', role: 'user', content: '<user_instructions>\nbe terse\n</user_instructions>' },
      { type: 'message', role: 'user', content: 'where is the retry policy?' },
      { type: 'function_call_output', call_id: 'c', output: 'where is everything' },
      { type: 'message', role: 'user', content: [{ type: 'input_text', text: '<codex-ctx-context>\n[1] a.ts:1-2\n</codex-ctx-context>' }] },
      { type: 'message', role: 'developer', content: 'developer text' },
    ] as ResponsesRequest['input'];
    expect(findUserMessages(input).map((message) => message.text)).toEqual(['where is the retry policy?']);
  });

  it('accepts a plain string input', () => {
    expect(findLatestUserMessage('explain the parser')).toEqual({ index: 0, ordinal: 0, text: 'explain the parser' });
  });
});

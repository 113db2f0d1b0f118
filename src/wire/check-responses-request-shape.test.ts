import { readdirSync, readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { checkResponsesRequestShape } from './check-responses-request-shape.js';
import { responsesRequestSchema } from './responses-request-schema.js';

const fixtureDir = new URL('../../test/fixtures/codex/requests/', import.meta.url);
const fixtures = readdirSync(fixtureDir)
  .filter((name) => name.endsWith('.json'))
  .map((name) => [name, JSON.parse(readFileSync(new URL(name, fixtureDir), 'utf8')).body] as const);

// Values that probe every rule: wrong JSON types, empty and negative values, and the `type` names
// the schema dispatches on (so a mutation can turn one item or tool kind into another).
const REPLACEMENTS: unknown[] = [
  null, 0, -1, 1.5, 3, '', 'x', true, [], {}, [{}], ['x'],
  'message', 'reasoning', 'function_call', 'function_call_output', 'custom_tool_call', 'custom_tool_call_output',
  'function', 'namespace', 'custom', 'input_text', 'input_image', 'user', 'developer', 'web_search_call',
];

/** Calls `visit` once per mutation of `root` (each key deleted, each value replaced), restoring after each. */
function forEachMutation(root: unknown, visit: () => void): void {
  const walk = (node: unknown, depth: number): void => {
    if (typeof node !== 'object' || node === null || depth > 6) return;
    const container = node as Record<string, unknown>;
    for (const key of Object.keys(container)) {
      // Inside a JSON schema or Codex's metadata nothing is checked; mutating there proves nothing.
      if (key === 'parameters' || key === 'client_metadata' || key === 'schema') continue;
      const original = container[key];
      if (!Array.isArray(container)) {
        delete container[key];
        visit();
      }
      for (const replacement of REPLACEMENTS) {
        container[key] = structuredClone(replacement);
        visit();
      }
      container[key] = original;
      walk(original, depth + 1);
    }
  };
  walk(root, 0);
}

function firstOfEachKind(values: Array<Record<string, unknown>>): unknown[] {
  const kinds = new Map<string, unknown>();
  for (const value of values) {
    const kind = `${String(value.type)}/${String(value.role)}/${Array.isArray(value.content) ? 'parts' : typeof value.content}/${typeof value.output}`;
    if (!kinds.has(kind)) kinds.set(kind, structuredClone(value));
  }
  return [...kinds.values()];
}

function expectAgreement(body: unknown): void {
  const fast = checkResponsesRequestShape(body);
  const reference = responsesRequestSchema.safeParse(body);
  if (Boolean(fast) !== reference.success) {
    throw new Error(`check says ${fast ? 'valid' : 'invalid'}, zod says ${reference.success ? 'valid' : 'invalid'}: ${JSON.stringify(body).slice(0, 400)}`);
  }
  // What the route goes on with must be what zod would have produced.
  if (fast) expect(fast).toStrictEqual(reference.data);
}

describe('checkResponsesRequestShape (the hot path’s stand-in for the zod schema)', () => {
  it.each(fixtures)('accepts the captured Codex request %s as is, without copying it', (_name, body) => {
    expect(checkResponsesRequestShape(body)).toBe(body);
    expectAgreement(body);
  });

  it('agrees with the zod schema on every single-field mutation of the captured requests', () => {
    // One body holding one item of each kind (and one tool of each kind) seen across the captures, so
    // every rule is probed without re-validating the same 40 KB of history thousands of times.
    const sample = structuredClone(fixtures[0]![1]);
    sample.input = [
      ...firstOfEachKind(fixtures.flatMap(([, body]) => (Array.isArray(body.input) ? body.input : []))),
      // Every optional field once, so mutating it is probed too.
      { type: 'message', id: 'msg_1', role: 'user', content: [{ type: 'input_image', image_url: 'data:', detail: 'auto' }, { type: 'input_text', text: 'hi' }] },
      { type: 'reasoning', id: 'rs_1', summary: [{ type: 'summary_text', text: 's' }], content: [{ type: 'reasoning_text', text: 't' }], encrypted_content: 'e' },
      { type: 'function_call', id: 'fc_1', call_id: 'c1', name: 'n', namespace: 'ns', arguments: '{}' },
      { type: 'function_call_output', call_id: 'c1', output: [{ type: 'input_text', text: 'out' }] },
      { type: 'custom_tool_call', id: 'ctc_1', call_id: 'c2', name: 'apply_patch', input: 'x' },
      { type: 'custom_tool_call_output', call_id: 'c2', output: 'ok' },
      { role: 'assistant', content: 'easy input message' },
    ];
    sample.tools = [
      ...firstOfEachKind(fixtures.flatMap(([, body]) => body.tools ?? [])),
      { type: 'function', name: 'f', description: 'd', parameters: {}, strict: true },
      { type: 'custom', name: 'c', description: 'd', format: { type: 'grammar', syntax: 'lark', definition: 'start: x' } },
    ];
    Object.assign(sample, { instructions: 'be brief', parallel_tool_calls: true, stream: true, temperature: 0.2, top_p: 1, prompt_cache_key: 'k' });
    sample.reasoning = { effort: 'low', summary: 'auto' };
    sample.text = { format: { type: 'json_schema', name: 'answer', schema: { type: 'object' } } };
    sample.max_output_tokens = 100;
    let mutations = 0;
    forEachMutation(sample, () => {
      mutations++;
      expectAgreement(sample);
    });
    expect(mutations).toBeGreaterThan(2000);
  });

  it('agrees on bodies that are not requests at all', () => {
    for (const body of [null, 'text', 42, [], [{}], {}, { model: 'qwen3' }, { model: '', input: 'hi' }, { model: 'qwen3', input: 'hi' }]) {
      expectAgreement(body);
    }
  });
});

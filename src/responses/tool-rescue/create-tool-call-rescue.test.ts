import { describe, expect, it } from 'vitest';
import { chunkings, driveToolCallRescue, type RescueRun } from '../../../test/fixtures/tool-rescue/drive-tool-call-rescue.js';
import {
  loadToolRescueFixtures,
  type ToolRescueFixture,
} from '../../../test/fixtures/tool-rescue/load-tool-rescue-fixtures.js';
import { createToolCallRescue } from './create-tool-call-rescue.js';
import type { DeclaredTool } from './tool-rescue-types.js';

const failures = loadToolRescueFixtures('failures');
const lookAlikes = loadToolRescueFixtures('look-alikes');

function expectRun(fixture: ToolRescueFixture, run: RescueRun): void {
  expect(run.textAfterCall).toBe(false);
  if (fixture.expected === 'unchanged') {
    expect(run.calls).toEqual([]);
    expect(run.text).toBe(fixture.text);
    return;
  }
  expect(run.text).toBe(fixture.expected.text);
  const kinds = new Map(fixture.tools.map((tool) => [tool.name, tool.kind]));
  expect(
    run.calls.map((call) => ({
      name: call.name,
      shape: call.shape,
      arguments: kinds.get(call.name) === 'custom' ? call.arguments : JSON.parse(call.arguments),
    })),
  ).toEqual(fixture.expected.calls.map(({ name, shape, arguments: written }) => ({ name, shape, arguments: written })));
}

describe.each(failures)('rescues $file', (fixture) => {
  it('at every chunking: whole, per character, every two-way cut and seeded random cuts', () => {
    for (const [, chunks] of chunkings(fixture.text, 25)) expectRun(fixture, driveToolCallRescue(fixture.tools, chunks));
    for (let cut = 1; cut < fixture.text.length; cut++) {
      expectRun(fixture, driveToolCallRescue(fixture.tools, [fixture.text.slice(0, cut), fixture.text.slice(cut)]));
    }
  });
});

describe.each(lookAlikes)('leaves $file unchanged', (fixture) => {
  it('byte-identical at every chunking', () => {
    for (const [, chunks] of chunkings(fixture.text, 25)) expectRun(fixture, driveToolCallRescue(fixture.tools, chunks));
    for (let cut = 1; cut < fixture.text.length; cut++) {
      expectRun(fixture, driveToolCallRescue(fixture.tools, [fixture.text.slice(0, cut), fixture.text.slice(cut)]));
    }
  });

  // A complete call or patch shown as an example is held until the prose after it arrives (bounded by
  // maxHoldBytes); everything else may keep back at most one line of content.
  it.skipIf(fixture.callShaped)('never holds back more than one line of it', () => {
    const rescue = createToolCallRescue({ tools: fixture.tools });
    let fed = '';
    let released = '';
    for (const character of fixture.text) {
      fed += character;
      for (const output of rescue.push(character)) if (output.type === 'text') released += output.text;
      expect(fed.startsWith(released)).toBe(true);
      const held = fed.slice(released.length);
      expect(completeContentLines(held), `held ${JSON.stringify(held)}`).toBeLessThanOrEqual(1);
    }
  });
});

/** Complete lines other than a lone opener (a fence line, `{` or `[`) that only says what follows. */
function completeContentLines(held: string): number {
  return held
    .split('\n')
    .slice(0, -1)
    .filter((line) => !/^\s*(?:```[\w-]*|[[{])?\s*$/.test(line)).length;
}

const EXEC: DeclaredTool = {
  name: 'exec_command',
  kind: 'function',
  parameters: { type: 'object', properties: { cmd: { type: 'string' } }, required: ['cmd'] },
};

describe('createToolCallRescue', () => {
  it('releases plain prose as it arrives, without waiting for the end of the line', () => {
    const rescue = createToolCallRescue({ tools: [EXEC] });
    expect(rescue.push('Hello, ')).toEqual([{ type: 'text', text: 'Hello, ' }]);
    expect(rescue.push('world')).toEqual([{ type: 'text', text: 'world' }]);
    expect(rescue.end()).toEqual([]);
  });

  it('holds a line that opens like a call and releases it the moment it cannot be one', () => {
    const rescue = createToolCallRescue({ tools: [EXEC] });
    expect(rescue.push('{"na')).toEqual([]);
    expect(rescue.push('me": "read_file", ')).toEqual([{ type: 'text', text: '{"name": "read_file", ' }]);
  });

  it('gives up on a call-like block longer than maxHoldBytes and releases it unchanged', () => {
    const long = `{"name": "exec_command", "arguments": {"cmd": "${'x'.repeat(2000)}"}}`;
    const run = driveToolCallRescue([EXEC], Array.from(long), 1024);
    expect(run.calls).toEqual([]);
    expect(run.text).toBe(long);
    const rescue = createToolCallRescue({ tools: [EXEC], maxHoldBytes: 1024 });
    const released = Array.from(long.slice(0, 1100)).flatMap((character) => rescue.push(character));
    expect(released.length).toBeGreaterThan(0);
  });

  it('rescues the same call when the limit is large enough', () => {
    const long = `{"name": "exec_command", "arguments": {"cmd": "${'x'.repeat(2000)}"}}`;
    expect(driveToolCallRescue([EXEC], Array.from(long)).calls).toHaveLength(1);
  });

  it('never maps an ambiguous near-miss: two declared tools with the same member name', () => {
    const tools: DeclaredTool[] = [
      { name: 'a__list', kind: 'function' },
      { name: 'b__list', kind: 'function' },
    ];
    const text = '{"name": "list", "arguments": {}}';
    expect(driveToolCallRescue(tools, [text])).toEqual({ text, calls: [], textAfterCall: false });
    expect(driveToolCallRescue(tools, ['{"name": "a.list", "arguments": {}}']).calls[0]?.name).toBe('a__list');
  });

  it('on seeded random mixes of call fragments and prose, chunking never changes the result', () => {
    const tools: DeclaredTool[] = [EXEC, { name: 'apply_patch', kind: 'custom' }];
    const fragments = ['hello ', '\n', '\n\n', '{', '}', '[', '"name": ', '"exec_command"', ', "arguments": ',
      '{"cmd": "ls"}', '<tool_call>', '</tool_call>', '<function=exec_command>', '<parameter=cmd>', 'ls',
      '</parameter>', '</function>', '```', '```json\n', '*** Begin Patch\n', '*** Add File: a\n', '+x\n',
      '*** End Patch\n', "apply_patch <<'EOF'\n", 'EOF\n', '  ', '<', 'é', '🚀', '"', '\\'];
    let seed = 7;
    const random = (): number => {
      seed = (seed * 1103515245 + 12345) % 2147483648;
      return seed / 2147483648;
    };
    let rescuedSome = 0;
    for (let sample = 0; sample < 1500; sample++) {
      let text = '';
      for (let count = 1 + Math.floor(random() * 25); count > 0; count--) {
        text += fragments[Math.floor(random() * fragments.length)];
      }
      const whole = driveToolCallRescue(tools, [text]);
      if (whole.calls.length > 0) rescuedSome++;
      // Calls only ever replace the end of a message; everything before it is released as written.
      expect(whole.calls.length > 0 ? text.startsWith(whole.text) : whole.text === text).toBe(true);
      for (const [, chunks] of chunkings(text, 2, sample)) expect(driveToolCallRescue(tools, chunks)).toEqual(whole);
    }
    expect(rescuedSome).toBeGreaterThan(0);
  });

  it('passes text straight through when no tools are declared', () => {
    const rescue = createToolCallRescue({ tools: [] });
    expect(rescue.push('<tool_call>')).toEqual([{ type: 'text', text: '<tool_call>' }]);
  });
});

import { driveToolCallRescue } from '../test/fixtures/tool-rescue/drive-tool-call-rescue.js';
import { loadToolRescueFixtures } from '../test/fixtures/tool-rescue/load-tool-rescue-fixtures.js';

/**
 * `npx tsx bench/tool-rescue-corpus.ts`: drives the tool-rescue corpus (test/fixtures/tool-rescue)
 * through the rescuer one character at a time and prints how many calls were rescued per failure shape,
 * and how many calls were wrongly produced from the look-alike answers (target: 0). Exits 1 on a miss.
 */
const rows = new Map<string, { fixtures: Set<string>; expected: number; rescued: number }>();
let missed = 0;
for (const fixture of loadToolRescueFixtures('failures')) {
  if (fixture.expected === 'unchanged') continue;
  const run = driveToolCallRescue(fixture.tools, Array.from(fixture.text));
  const expected = fixture.expected.calls;
  for (const [index, call] of expected.entries()) {
    const row = rows.get(call.shape) ?? { fixtures: new Set<string>(), expected: 0, rescued: 0 };
    rows.set(call.shape, row);
    row.fixtures.add(fixture.file);
    row.expected++;
    const got = run.calls[index];
    if (got && got.name === call.name && got.shape === call.shape) row.rescued++;
    else missed++;
  }
  if (run.text !== fixture.expected.text) missed++;
}

let falseRescues = 0;
let alteredText = 0;
const lookAlikes = loadToolRescueFixtures('look-alikes');
for (const fixture of lookAlikes) {
  const run = driveToolCallRescue(fixture.tools, Array.from(fixture.text));
  falseRescues += run.calls.length;
  if (run.text !== fixture.text) alteredText++;
}

const lines = ['| shape | fixtures | calls rescued |', '|---|---:|---:|'];
for (const [shape, row] of [...rows].sort(([a], [b]) => a.localeCompare(b))) {
  lines.push(`| ${shape} | ${row.fixtures.size} | ${row.rescued}/${row.expected} |`);
}
const total = [...rows.values()].reduce((sum, row) => sum + row.rescued, 0);
const expectedTotal = [...rows.values()].reduce((sum, row) => sum + row.expected, 0);
lines.push(`| **all** | ${loadToolRescueFixtures('failures').length} | ${total}/${expectedTotal} |`);
lines.push('', `look-alikes: ${lookAlikes.length} answers, false rescues ${falseRescues}, answers altered ${alteredText}`);
process.stdout.write(`${lines.join('\n')}\n`);
if (missed > 0 || falseRescues > 0 || alteredText > 0) process.exitCode = 1;

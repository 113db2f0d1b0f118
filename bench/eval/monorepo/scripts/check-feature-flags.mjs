// CI guard for ADR 0007: every flag needs an owner and a removal date that has not passed.
import { readFileSync } from 'node:fs';

const { flags } = JSON.parse(readFileSync(new URL('../config/feature-flags.json', import.meta.url), 'utf8'));
const today = new Date().toISOString().slice(0, 10);
const problems = [];
for (const [name, flag] of Object.entries(flags)) {
  if (!flag.owner) problems.push(`${name}: no owner`);
  if (!flag.removeBy) problems.push(`${name}: no removeBy date`);
  else if (flag.removeBy < today) problems.push(`${name}: removeBy ${flag.removeBy} has passed — delete the flag`);
}
if (problems.length > 0) {
  process.stderr.write(`${problems.join('\n')}\n`);
  process.exit(1);
}

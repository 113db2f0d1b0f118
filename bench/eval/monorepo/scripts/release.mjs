// Release train (ADR 0008): bumps every workspace package.json to YYYY.MM.N and tags the commit.
import { execFileSync } from 'node:child_process';
import { readFileSync, writeFileSync, readdirSync } from 'node:fs';

const now = new Date();
const prefix = `${now.getUTCFullYear()}.${now.getUTCMonth() + 1}`;
const tags = execFileSync('git', ['tag', '--list', `v${prefix}.*`]).toString().split('\n').filter(Boolean);
const version = `${prefix}.${tags.length + 1}`;
for (const group of ['services', 'packages']) {
  for (const name of readdirSync(group)) {
    const file = `${group}/${name}/package.json`;
    try {
      const manifest = JSON.parse(readFileSync(file, 'utf8'));
      manifest.version = version;
      writeFileSync(file, `${JSON.stringify(manifest, null, 2)}\n`);
    } catch {
      // billing has no package.json
    }
  }
}
execFileSync('git', ['commit', '-am', `release ${version}`]);
execFileSync('git', ['tag', `v${version}`]);
process.stdout.write(`released ${version}\n`);

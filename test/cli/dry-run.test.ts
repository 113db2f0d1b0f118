import { mkdirSync, readdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { main } from '../../src/cli/main.js';
import { startFakeBridge } from '../support/fake-bridge.js';
import { createCliWorld } from './cli-test-harness.js';

function listTree(directory: string): string[] {
  return readdirSync(directory, { recursive: true, encoding: 'utf8' }).sort();
}

describe('codex-ctx --dry-run (real retrieval)', () => {
  it('prints what would be injected for the question, without Codex, Ollama or any file written', async () => {
    const world = createCliWorld({ OLLAMA_HOST: '127.0.0.1:9' });
    mkdirSync(join(world.repo, 'src'));
    writeFileSync(
      join(world.repo, 'src', 'auth.ts'),
      'export function verifyToken(token: string): boolean {\n  return token.startsWith("tok_");\n}\n',
    );
    writeFileSync(join(world.repo, 'README.md'), '# demo\n');
    const before = listTree(world.base);

    expect(await main(['--dry-run', 'where is verifyToken defined?'], world.runtime())).toBe(0);
    expect(world.stdout()).toContain('src/auth.ts');
    expect(world.codexRan()).toBe(false);
    expect(listTree(world.base)).toEqual(before);
  });

  it('says the bridge rejected the token, as a launch does', async () => {
    const bridge = await startFakeBridge({ token: 'the-right-one' });
    try {
      const world = createCliWorld({ SMARTGPT_BRIDGE_URL: bridge.url, SMARTGPT_BRIDGE_TOKEN: 'a-wrong-one' });
      writeFileSync(join(world.repo, 'notes.md'), 'The retry limit is five.\n');
      expect(await main(['--dry-run', 'what is the retry limit?'], world.runtime())).toBe(0);
      expect(world.stderr()).toContain(`SmartGPT Bridge at ${bridge.url} rejected the token; check SMARTGPT_BRIDGE_TOKEN (local retrieval still works)`);
      expect(world.stderr()).not.toContain('a-wrong-one');
      expect(world.stdout()).toContain('notes.md');
    } finally {
      await bridge.close();
    }
  });

  it('--json prints the pack as data', async () => {
    const world = createCliWorld();
    writeFileSync(join(world.repo, 'notes.md'), 'The retry limit is five.\n');
    expect(await main(['--dry-run', '--json', 'what is the retry limit?'], world.runtime())).toBe(0);
    expect(JSON.parse(world.stdout())).toMatchObject({ query: expect.any(String), tokens: expect.any(Object) });
  });
});

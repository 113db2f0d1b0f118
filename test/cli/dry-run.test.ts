import { execFileSync } from 'node:child_process';
import { mkdirSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
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

  it('a repository seen before: the next dry run sees an edited tracked file, a new untracked one and a deleted one', async () => {
    const world = createCliWorld({ OLLAMA_HOST: '127.0.0.1:9' });
    const git = (...args: string[]) => execFileSync('git', ['-c', 'user.name=t', '-c', 'user.email=t@example.invalid', ...args], { cwd: world.repo });
    mkdirSync(join(world.repo, 'src'));
    writeFileSync(join(world.repo, 'src', 'billing.ts'), 'export function chargeInvoice(amount: number) {\n  return amount;\n}\n');
    writeFileSync(join(world.repo, 'src', 'legacy.ts'), 'export function obsoleteQuotaSweep() {\n  return 0;\n}\n');
    git('init', '-q');
    git('add', '-A');
    git('commit', '-q', '-m', 'initial');
    const dryRun = async (question: string) => {
      const before = world.stdout().length;
      expect(await main(['--dry-run', '--json', question], world.runtime())).toBe(0);
      return (JSON.parse(world.stdout().slice(before)) as { items: Array<{ path: string }> }).items.map((item) => item.path);
    };
    expect(await dryRun('where is obsoleteQuotaSweep?')).toContain('src/legacy.ts'); // builds and saves the index

    writeFileSync(join(world.repo, 'src', 'billing.ts'), 'export function refundInvoiceTwice(amount: number) {\n  return -amount;\n}\n');
    writeFileSync(join(world.repo, 'src', 'payouts.ts'), 'export function schedulePayoutBatch() {\n  return [];\n}\n');
    rmSync(join(world.repo, 'src', 'legacy.ts'));

    expect(await dryRun('where is refundInvoiceTwice?')).toContain('src/billing.ts');
    expect(await dryRun('where is schedulePayoutBatch?')).toContain('src/payouts.ts');
    expect(await dryRun('where is obsoleteQuotaSweep?')).not.toContain('src/legacy.ts');
  });
});

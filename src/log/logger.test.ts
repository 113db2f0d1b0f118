import { mkdtempSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { createFileLogger } from './logger.js';

describe('the proxy log file', () => {
  it('is created 0600 in a 0700 folder, whatever the umask', async () => {
    const file = join(mkdtempSync(join(tmpdir(), 'codex-ctx-log-')), 'state', 'codex-ctx.log');
    const previous = process.umask(0o022);
    try {
      const logger = createFileLogger({ file });
      logger.info('started');
      await logger.flush();
    } finally {
      process.umask(previous);
    }
    expect(statSync(file).mode & 0o777).toBe(0o600);
    expect(statSync(join(file, '..')).mode & 0o777).toBe(0o700);
  });

  it('tightens a log an older version left readable by others, and keeps its lines', async () => {
    const file = join(mkdtempSync(join(tmpdir(), 'codex-ctx-log-')), 'codex-ctx.log');
    writeFileSync(file, '{"old":true}\n', { mode: 0o644 });
    const logger = createFileLogger({ file, secrets: ['sk-session-secret-123'] });
    logger.info('request failed', { error: 'upstream said sk-session-secret-123' });
    await logger.flush();
    expect(statSync(file).mode & 0o777).toBe(0o600);
    const text = readFileSync(file, 'utf8');
    expect(text).toContain('{"old":true}');
    expect(text).not.toContain('sk-session-secret-123');
  });
});

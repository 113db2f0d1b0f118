import { describe, expect, it } from 'vitest';
import { BASE_INSTRUCTIONS } from '../../src/cli/base-instructions.js';
import { CODEX_TOOL_SCHEMA_TOKENS, CODEX_TURN_SETUP_TOKENS, describeWindowShortfall, measurePromptFloor } from '../../src/cli/codex-prompt-floor.js';

// First in a fresh module graph: nothing else has loaded the tokenizer yet, as in a real launch.
describe('measurePromptFloor', () => {
  it('counts a small window exactly without the tokenizer preloaded', async () => {
    const floor = await measurePromptFloor({ instructions: BASE_INSTRUCTIONS, contextBudget: 1_024, window: 4_096 });
    expect(floor.instructions).toBeGreaterThan(500);
    expect(floor.instructions).toBeLessThan(BASE_INSTRUCTIONS.length / 2);
    expect(floor.total).toBe(floor.instructions + CODEX_TOOL_SCHEMA_TOKENS + CODEX_TURN_SETUP_TOKENS + 1_024);
  });

  it('skips the tokenizer when the byte bound already fits a big window', async () => {
    const floor = await measurePromptFloor({ instructions: 'x'.repeat(4_000), contextBudget: 4_096, window: 32_768 });
    expect(floor.instructions).toBe(1_000 + 4);
  });
});

describe('describeWindowShortfall', () => {
  const floor = { instructions: 942, codexTools: 3_700, codexSetup: 650, context: 1_024, total: 6_316 };

  it('is silent when the floor fits', () => {
    expect(describeWindowShortfall({ model: 'm', window: 8_192, floor })).toBeUndefined();
  });

  it('suggests twice the floor in a power of two, within the model maximum', () => {
    expect(describeWindowShortfall({ model: 'm', window: 4_096, maxWindow: 40_960, floor })?.fix).toBe(
      'pass --num-ctx 16384 (or use a model with a bigger window)',
    );
    expect(describeWindowShortfall({ model: 'm', window: 4_096, maxWindow: 8_192, floor })?.fix).toBe(
      'pass --num-ctx 8192 (or use a model with a bigger window)',
    );
  });

  it('asks for another model when even its maximum is too small', () => {
    expect(describeWindowShortfall({ model: 'm', window: 4_096, maxWindow: 4_096, floor })?.fix).toBe(
      'its maximum is 4,096: use a model with a bigger window',
    );
  });
});

import { describe, expect, it } from 'vitest';
import { BACKEND_KINDS } from './backend-kinds.js';
import { backendConfigSchema } from './backends-config-schema.js';

// The kinds are listed twice on purpose (config loading must not import backend code): this keeps
// the two lists one list. A kind with a factory but no schema could never be configured; a schema
// without a factory would pass validation and then fail at start-up.
describe('backend kinds', () => {
  it('has a config entry schema for every factory, and a factory for every schema', () => {
    expect(new Set(BACKEND_KINDS.map((kind) => kind.configSchema))).toEqual(new Set(backendConfigSchema.options));
  });

  it('names each kind as its schema does', () => {
    for (const kind of BACKEND_KINDS) {
      const parsed = kind.configSchema.safeParse({ type: kind.type, url: 'http://127.0.0.1:1' });
      expect(parsed.success, `${kind.type}: ${parsed.error?.message}`).toBe(true);
    }
  });
});

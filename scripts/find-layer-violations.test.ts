import { describe, expect, it } from 'vitest';
import { findLayerViolations } from './find-layer-violations.js';
import { readImportEdges } from './check-layers.js';
import { fileURLToPath } from 'node:url';

const rules = { wire: [], responses: ['wire'], backends: ['responses', 'wire'] };

describe('findLayerViolations', () => {
  it('accepts imports that only go down', () => {
    expect(findLayerViolations([{ from: 'backends/a.ts', to: 'responses/b.ts' }, { from: 'responses/b.ts', to: 'wire/c.ts' }], rules)).toEqual([]);
  });

  it('reports an upward import', () => {
    expect(findLayerViolations([{ from: 'wire/c.ts', to: 'backends/a.ts' }], rules)).toEqual([
      'wire/c.ts imports backends/a.ts: "wire" may not import "backends"',
    ]);
  });

  it('reports a file cycle through a type-only module edge', () => {
    const problems = findLayerViolations(
      [
        { from: 'backends/app.ts', to: 'backends/routes/one.ts' },
        { from: 'backends/routes/one.ts', to: 'backends/app.ts' },
      ],
      rules,
    );
    expect(problems).toEqual(['cycle in src/backends: app.ts ⇄ routes']);
  });

  it('reports a cycle between sibling folders deeper in the tree', () => {
    const problems = findLayerViolations(
      [
        { from: 'backends/ollama/chat/x.ts', to: 'backends/ollama/responses/y.ts' },
        { from: 'backends/ollama/responses/z.ts', to: 'backends/ollama/chat/w.ts' },
      ],
      rules,
    );
    expect(problems).toEqual(['cycle in src/backends/ollama: chat ⇄ responses']);
  });

  it('reports one backend reaching into another, but not a backend using the shared files beside them', () => {
    const problems = findLayerViolations(
      [
        { from: 'backends/openai/x.ts', to: 'backends/ollama/y.ts' },
        { from: 'backends/openai/x.ts', to: 'backends/backend.ts' },
      ],
      rules,
      ['backends'],
    );
    expect(problems).toEqual(['backends/openai/x.ts imports backends/ollama/y.ts: backends/openai may not import backends/ollama']);
  });

  it('finds nothing wrong in src/ as it is', () => {
    const sourceRoot = fileURLToPath(new URL('../src', import.meta.url));
    expect(findLayerViolations(readImportEdges(sourceRoot))).toEqual([]);
  });
});

import type { ContextEngine, ContextPack } from '../../src/context/context-engine.js';

export const CONTEXT_BLOCK = '<codex-ctx-context>\n[1] src/app.ts:1-3 (grep, 1.00)\n```ts\nexport const app = 1;\n```\n</codex-ctx-context>';

/**
 * A context engine whose retrieval returns a fixed pack (or nothing), recording what it was asked,
 * so a test can see exactly what enrichment did to the request a backend receives.
 */
export function fakeContextEngine(block: string | null = CONTEXT_BLOCK): ContextEngine & {
  queries: Array<{ query: string; contextWindow: number | undefined; earlierMessages?: readonly string[] | undefined }>;
} {
  const queries: Array<{ query: string; contextWindow: number | undefined; earlierMessages?: readonly string[] | undefined }> = [];
  const pack = (query: string, budget: number): ContextPack => ({
    query,
    items: block ? [{ path: 'src/app.ts', startLine: 1, endLine: 3, source: 'grep', score: 1, tokens: 12, text: 'export const app = 1;' }] : [],
    tokens: { used: block ? 12 : 0, budget },
    block: block ?? '',
  });
  return {
    queries,
    async retrieve(query, options = {}) {
      queries.push({ query, contextWindow: options.contextWindow, ...(options.earlierMessages?.length ? { earlierMessages: options.earlierMessages } : {}) });
      return pack(query, 1000);
    },
    augmentResponsesRequest: async (request) => ({ request, skipped: 'disabled' }),
    close: async () => {},
  };
}

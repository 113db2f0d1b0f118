import type { ContextPack } from './context-engine.js';
import { createContextEngine, type ContextEngineConfig } from './create-context-engine.js';
import type { EmbeddingStatus } from './embed/embedding-source.js';
import { formatScore } from './pack/format-context-block.js';

/**
 * Dry run: what would be injected for `question`. Waits for the index (a session would usually have
 * it by the time the user types) and saves it, so the next dry run or session in this repository
 * starts warm; never asks the bridge to re-index.
 */
export async function previewContext(
  question: string,
  engineConfig: ContextEngineConfig,
  options: {
    onIndexProgress?: ((text: string) => void) | undefined;
    /** Why the embedding source added nothing, when it could not (for the dry run to say on stderr). */
    onEmbeddingProblem?: ((text: string) => void) | undefined;
  } = {},
): Promise<ContextPack> {
  const engine = createContextEngine({ ...engineConfig, indexBridgeSymbols: false, oneShot: true });
  // A big repository seen for the first time takes seconds: say how far the index has got.
  const started = Date.now();
  const report = options.onIndexProgress;
  const timer = report
    ? setInterval(() => {
        const { index } = engine.status();
        if (index.state !== 'building' || Date.now() - started < PROGRESS_AFTER_MS) return;
        report(index.progress ? `indexing the repository: ${index.progress.done} of ${index.progress.total} files` : 'indexing the repository');
      }, PROGRESS_INTERVAL_MS)
    : undefined;
  try {
    await engine.whenIndexed();
    clearInterval(timer);
    const pack = await engine.retrieve(question);
    const problem = describeEmbeddingProblem(engine.status().embeddings);
    if (problem) options.onEmbeddingProblem?.(problem);
    return pack;
  } finally {
    clearInterval(timer);
    await engine.close();
  }
}

/** A dry run never embeds the repository itself: say so when there is nothing to compare the question with. */
function describeEmbeddingProblem(status: EmbeddingStatus | undefined): string | undefined {
  if (!status) return undefined;
  if (status.state === 'off') return `embedding model ${status.model} is not available on the backend (codex-ctx doctor says why); no semantic results`;
  if (status.vectors === 0) return `no vectors saved for ${status.model} yet: a session or codex-ctx serve embeds the repository in the background`;
  return undefined;
}

const PROGRESS_AFTER_MS = 400;
const PROGRESS_INTERVAL_MS = 200;

function table(rows: string[][]): string {
  const widths = rows[0]?.map((_, column) => Math.max(...rows.map((row) => (row[column] ?? '').length))) ?? [];
  return rows.map((row) => row.map((cell, column) => (column >= 4 ? cell.padStart(widths[column] ?? 0) : cell.padEnd(widths[column] ?? 0))).join('  ').trimEnd()).join('\n');
}

/** Human output: the block, then one row per snippet and the totals. `json`: the machine-readable pack. */
export function formatContextPreview(pack: ContextPack, options: { json: boolean }): string {
  if (options.json) {
    return JSON.stringify(
      {
        query: pack.query,
        items: pack.items.map(({ path, startLine, endLine, source, score, tokens }) => ({ path, startLine, endLine, source, score, tokens })),
        tokens: pack.tokens,
        block: pack.block,
      },
      null,
      2,
    );
  }
  if (pack.items.length === 0) return `No context found for: ${pack.query}\n(0 of ${pack.tokens.budget} tokens)`;
  const rows = [
    ['#', 'path', 'lines', 'source', 'score', 'tokens'],
    ...pack.items.map((item, index) => [
      `[${index + 1}]`,
      item.path,
      `${item.startLine}-${item.endLine}`,
      item.source,
      formatScore(item.score),
      String(item.tokens),
    ]),
  ];
  const totals = `${pack.items.length} snippet${pack.items.length === 1 ? '' : 's'}, ${pack.tokens.used} of ${pack.tokens.budget} tokens`;
  return `${pack.block}\n\n${table(rows)}\n${totals}`;
}

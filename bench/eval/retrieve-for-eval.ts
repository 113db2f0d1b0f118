/**
 * The one seam between the eval and codex-ctx's retriever: the real engine, used as `--dry-run` uses
 * it (createContextEngine → whenIndexed → retrieve), ranked distinct files out.
 *
 * Follow-ups: the engine reads the latest user message together with the earlier ones (as it does for
 * a Codex thread), so it gets all of them.
 */
import { createContextEngine, type CodexCtxContextEngine } from '../../src/context/create-context-engine.js';

export type RetrieveForEval = (repoRoot: string, userMessages: string[]) => Promise<Array<{ path: string }>>;

const engines = new Map<string, Promise<CodexCtxContextEngine>>();

function engineFor(repoRoot: string): Promise<CodexCtxContextEngine> {
  let engine = engines.get(repoRoot);
  if (!engine) {
    // No index cache: every eval run measures a freshly built index, never one left by an older engine.
    // A generous deadline: on a busy machine the default (800 ms) would measure load, not ranking.
    const created = createContextEngine({ repoRoot, cacheDir: false, readOnly: true, deadlineMs: 5_000 });
    engine = created.whenIndexed().then(() => created);
    engines.set(repoRoot, engine);
  }
  return engine;
}

export const retrieveForEval: RetrieveForEval = async (repoRoot, userMessages) => {
  const engine = await engineFor(repoRoot);
  const pack = await engine.retrieve(userMessages.at(-1) ?? '', { earlierMessages: userMessages.slice(0, -1) });
  const seen = new Set<string>();
  const files: Array<{ path: string }> = [];
  for (const item of pack.items) {
    if (seen.has(item.path)) continue;
    seen.add(item.path);
    files.push({ path: item.path });
  }
  return files;
};

/** Waits for the index of `repoRoot` (so the runner can time the build apart from the questions). */
export async function prepareForEval(repoRoot: string): Promise<void> {
  await engineFor(repoRoot);
}

export async function closeEvalEngines(): Promise<void> {
  for (const engine of engines.values()) await (await engine).close();
  engines.clear();
}

import { createRequire } from 'node:module';
import { availableParallelism } from 'node:os';
import { pathToFileURL } from 'node:url';
import { Worker } from 'node:worker_threads';
import type { AnalyzeJob, AnalyzeOutcome } from './analyze-files.js';
import type { AnalyzeReply, AnalyzeRequest } from './analyze-worker.js';
import type { TermDictionary } from './term-dictionary.js';

const BATCH_SIZE = 64;
// Batches queued per worker, so no worker idles while its next batch is in flight.
const IN_FLIGHT = 2;

/**
 * Workers to use by default: none on one or two cores (measured on the 10k-file benchmark: workers
 * saved nothing there — the main thread re-registers every term they return — and cost ~40 MB),
 * else the machine's cores less one for the proxy, at most four (beyond that reading files dominates).
 */
export function defaultWorkerCount(cores = availableParallelism()): number {
  return cores <= 2 ? 0 : Math.min(4, cores - 1);
}

/**
 * The worker, from compiled JavaScript normally. Running from TypeScript sources (tests, benchmarks
 * under tsx) the worker first registers tsx's loader, which only exists in development.
 */
function startWorker(): Worker {
  const self = import.meta.url;
  if (!self.endsWith('.ts')) return new Worker(new URL('./analyze-worker.js', self));
  const tsx = pathToFileURL(createRequire(self).resolve('tsx/esm/api').replace(/\.cjs$/, '.mjs')).href;
  const worker = new URL('./analyze-worker.ts', self).href;
  const bootstrap = `import(${JSON.stringify(tsx)}).then(({ register }) => { register(); return import(${JSON.stringify(worker)}); });`;
  return new Worker(bootstrap, { eval: true });
}

/**
 * Analyses jobs on worker threads: the main thread stays free for requests, and a multi-core machine
 * indexes in parallel. Term ids come back local to each worker and are mapped onto `dictionary`.
 * Rejects if a worker fails (the caller falls back to analysing in-process).
 */
export async function analyzeInWorkers(
  repoRoot: string,
  jobs: readonly AnalyzeJob[],
  dictionary: TermDictionary,
  options: { workers: number; isCancelled: () => boolean },
): Promise<AnalyzeOutcome[]> {
  const batches: AnalyzeJob[][] = [];
  for (let start = 0; start < jobs.length; start += BATCH_SIZE) batches.push(jobs.slice(start, start + BATCH_SIZE));
  const outcomes: AnalyzeOutcome[][] = new Array(batches.length);
  const count = Math.max(1, Math.min(options.workers, batches.length));
  const workers = Array.from({ length: count }, startWorker);
  let next = 0;

  try {
    await Promise.all(
      workers.map(
        (worker) =>
          new Promise<void>((resolve, reject) => {
            let globalIds = new Int32Array(1024);
            let pending = 0;
            const send = () => {
              while (pending < IN_FLIGHT && next < batches.length && !options.isCancelled()) {
                const batch = next++;
                const request: AnalyzeRequest = { batch, repoRoot, jobs: batches[batch] ?? [] };
                worker.postMessage(request);
                pending++;
              }
              if (pending === 0) resolve();
            };
            worker.on('message', (reply: AnalyzeReply) => {
              pending--;
              if (reply.termBase + reply.terms.length > globalIds.length) {
                const grown = new Int32Array(Math.max(globalIds.length * 2, reply.termBase + reply.terms.length));
                grown.set(globalIds);
                globalIds = grown;
              }
              reply.terms.forEach((term, offset) => (globalIds[reply.termBase + offset] = dictionary.idOf(term)));
              for (const outcome of reply.outcomes) {
                if (outcome.status !== 'analyzed') continue;
                const pairs = outcome.file.termPairs;
                for (let index = 0; index < pairs.length; index += 2) pairs[index] = globalIds[pairs[index] ?? 0] ?? 0;
              }
              outcomes[reply.batch] = reply.outcomes;
              send();
            });
            worker.on('error', reject);
            worker.on('exit', (code) => (pending > 0 ? reject(new Error(`index worker exited with code ${code}`)) : undefined));
            send();
          }),
      ),
    );
  } finally {
    await Promise.all(workers.map((worker) => worker.terminate()));
  }
  return outcomes.flat();
}

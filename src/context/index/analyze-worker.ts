import { parentPort } from 'node:worker_threads';
import { analyzeJob, type AnalyzeJob, type AnalyzeOutcome } from './analyze-files.js';
import { TermDictionary } from './term-dictionary.js';

/**
 * Index worker: analyses batches of files with its own term dictionary and reports term ids local to
 * this worker, plus the terms it added since its previous reply, so the main thread can map them to
 * its own ids with one array lookup per pair.
 */
export interface AnalyzeRequest {
  batch: number;
  repoRoot: string;
  jobs: AnalyzeJob[];
}

export interface AnalyzeReply {
  batch: number;
  /** Terms this worker's dictionary gained, with ids `termBase`, `termBase + 1`, … */
  termBase: number;
  terms: string[];
  outcomes: AnalyzeOutcome[];
}

const dictionary = new TermDictionary();
let reported = 0;

parentPort?.on('message', (request: AnalyzeRequest) => {
  const outcomes = request.jobs.map((job) => analyzeJob(request.repoRoot, job, dictionary));
  const terms = dictionary.terms.slice(reported);
  const reply: AnalyzeReply = { batch: request.batch, termBase: reported, terms, outcomes };
  reported = dictionary.terms.length;
  const transfer = outcomes.flatMap((outcome) =>
    outcome.status === 'analyzed' ? [outcome.file.termPairs.buffer, outcome.file.chunkOffsets.buffer, outcome.file.chunkLengths.buffer] : [],
  );
  parentPort?.postMessage(reply, transfer as ArrayBuffer[]);
});

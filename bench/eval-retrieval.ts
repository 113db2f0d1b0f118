/**
 * Retrieval quality: codex-ctx's retriever against plain BM25 over whole files, on a corpus built from
 * the source trees of installed npm packages and a question set of our own (bench/eval-questions.json).
 *
 *   npx tsx bench/eval-retrieval.ts            (or: npm run eval)
 *
 * recall@k: share of questions with an answering file among the top k files. MRR: mean reciprocal rank
 * of the first answering file (0 beyond rank 20). Files are ranked by their best unit.
 */
import { execFileSync } from 'node:child_process';
import { cpSync, existsSync, mkdirSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { dirname, join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { silentLogger } from '../src/log/logger.js';
import { RepoIndex } from '../src/context/index/repo-index.js';
import { forEachIdentifier, identifierTerms, QUERY_STOPWORDS } from '../src/context/query/text-tokens.js';
import { deriveSearchTerms } from '../src/context/query/derive-search-terms.js';
import { rankContext } from '../src/context/retrieve-context.js';
import { isRipgrepAvailable } from '../src/context/search/ripgrep-search.js';

const here = dirname(fileURLToPath(import.meta.url));
const projectRoot = join(here, '..');
const corpusRoot = join(here, '.corpus', 'eval-repo');

/** Readable sources that ship inside installed packages (TypeScript or plain ESM). */
const CORPUS_SOURCES = [
  { from: 'node_modules/execa/lib', to: 'execa/lib' },
  { from: 'node_modules/commander/lib', to: 'commander/lib' },
  { from: 'node_modules/commander/typings', to: 'commander/typings' },
  { from: 'node_modules/zod/src/v4', to: 'zod/src/v4' },
  { from: 'node_modules/openai/src', to: 'openai/src' },
  { from: 'node_modules/get-stream/source', to: 'get-stream/source' },
  { from: 'node_modules/h3/dist', to: 'h3/dist' },
];
const SOURCE_FILE = /\.(?:[cm]?[jt]s|d\.[cm]?ts|md)$/;

interface Question {
  set: 'dev' | 'holdout';
  style: 'identifier' | 'paraphrase';
  question: string;
  relevant: string[];
}

function buildCorpus(): number {
  rmSync(corpusRoot, { recursive: true, force: true });
  let files = 0;
  for (const { from, to } of CORPUS_SOURCES) {
    const source = join(projectRoot, from);
    if (!existsSync(source)) throw new Error(`missing ${from}: run npm ci first`);
    const walk = (directory: string) => {
      for (const entry of readdirSync(directory)) {
        const path = join(directory, entry);
        if (statSync(path).isDirectory()) walk(path);
        else if (SOURCE_FILE.test(entry)) {
          const target = join(corpusRoot, to, relative(source, path));
          mkdirSync(dirname(target), { recursive: true });
          cpSync(path, target);
          files++;
        }
      }
    };
    walk(source);
  }
  writeFileSync(join(corpusRoot, 'README.md'), '# eval corpus\nCopied from installed npm packages by bench/eval-retrieval.ts.\n');
  // Its own git repository, as a user's project would be (file listing goes through git ls-files).
  execFileSync('git', ['init', '-q'], { cwd: corpusRoot });
  return files;
}

function listCorpus(): string[] {
  const paths: string[] = [];
  const walk = (directory: string) => {
    for (const entry of readdirSync(directory)) {
      const path = join(directory, entry);
      if (entry === '.git') continue;
      if (statSync(path).isDirectory()) walk(path);
      else if (entry !== '.git') paths.push(relative(corpusRoot, path).split('\\').join('/'));
    }
  };
  walk(corpusRoot);
  return paths.sort();
}

/** Whole-file BM25: the baseline to beat. */
function createFileBm25(paths: string[], tokenize: (text: string) => string[]) {
  const documents = paths.map((path) => {
    const counts = new Map<string, number>();
    const tokens = tokenize(readFileSync(join(corpusRoot, path), 'utf8'));
    for (const token of tokens) counts.set(token, (counts.get(token) ?? 0) + 1);
    return { path, counts, length: tokens.length };
  });
  const averageLength = documents.reduce((total, document) => total + document.length, 0) / documents.length;
  const frequency = new Map<string, number>();
  for (const document of documents) for (const token of document.counts.keys()) frequency.set(token, (frequency.get(token) ?? 0) + 1);
  return (question: string): string[] => {
    const queryTokens = [...new Set(tokenize(question).filter((token) => !QUERY_STOPWORDS.has(token)))];
    const scored = documents.map((document) => {
      let score = 0;
      for (const token of queryTokens) {
        const tf = document.counts.get(token);
        if (!tf) continue;
        const df = frequency.get(token) ?? 0;
        const idf = Math.log(1 + (documents.length - df + 0.5) / (df + 0.5));
        score += (idf * tf * 2.2) / (tf + 1.2 * (1 - 0.75 + (0.75 * document.length) / averageLength));
      }
      return { path: document.path, score };
    });
    return scored.filter((entry) => entry.score > 0).sort((a, b) => b.score - a.score).map((entry) => entry.path);
  };
}

const plainWords = (text: string) => text.toLowerCase().match(/[a-z0-9]+/g) ?? [];
const splitWords = (text: string) => {
  const terms: string[] = [];
  forEachIdentifier(text, (identifier) => terms.push(...identifierTerms(identifier, QUERY_STOPWORDS)));
  return terms;
};

interface Scores {
  recall: Record<number, number>;
  mrr: number;
  count: number;
}

const CUTOFFS = [1, 3, 5, 8];

function score(rankings: string[][], questions: Question[]): Scores {
  const recall: Record<number, number> = {};
  let mrr = 0;
  questions.forEach((question, index) => {
    const ranking = rankings[index] ?? [];
    const first = ranking.findIndex((path) => question.relevant.includes(path));
    for (const k of CUTOFFS) recall[k] = (recall[k] ?? 0) + (first >= 0 && first < k ? 1 : 0);
    if (first >= 0 && first < 20) mrr += 1 / (first + 1);
  });
  for (const k of CUTOFFS) recall[k] = (recall[k] ?? 0) / questions.length;
  return { recall, mrr: mrr / questions.length, count: questions.length };
}

function row(name: string, scores: Scores): string {
  const cells = CUTOFFS.map((k) => (scores.recall[k] ?? 0).toFixed(2).padStart(5));
  return `${name.padEnd(44)} ${cells.join('  ')}  ${scores.mrr.toFixed(3).padStart(6)}`;
}

const uniqueFiles = (paths: string[]) => [...new Set(paths)];

export async function runRetrievalEval(): Promise<string> {
  const files = buildCorpus();
  const questions = (JSON.parse(readFileSync(join(here, 'eval-questions.json'), 'utf8')) as { questions: Question[] }).questions;
  const paths = listCorpus();
  for (const question of questions) {
    for (const path of question.relevant) if (!paths.includes(path)) throw new Error(`eval question names a missing file: ${path}`);
  }

  const index = new RepoIndex({ repoRoot: corpusRoot, logger: silentLogger });
  const started = performance.now();
  await index.start();
  const buildMs = performance.now() - started;
  const sources = { repoRoot: corpusRoot, index, useRipgrep: true, logger: silentLogger };

  const ours: string[][] = [];
  const latencies: number[] = [];
  for (const question of questions) {
    const start = performance.now();
    const { units } = await rankContext(deriveSearchTerms(question.question), sources, { deadlineMs: 5_000 });
    latencies.push(performance.now() - start);
    ours.push(uniqueFiles(units.map((unit) => unit.path)));
  }
  const plain = createFileBm25(paths, plainWords);
  const split = createFileBm25(paths, splitWords);
  const baselines = {
    plain: questions.map((question) => plain(question.question)),
    split: questions.map((question) => split(question.question)),
  };

  const lines: string[] = [];
  lines.push(
    `corpus: ${files} files from ${CORPUS_SOURCES.length} package source trees; ${questions.length} questions; index built in ${Math.round(buildMs)} ms ` +
      `(grep: index-narrowed scan; ripgrep${(await isRipgrepAvailable()) ? '' : ' (not installed)'} serves only requests before the index is ready)`,
  );
  const groups: Array<[string, (question: Question) => boolean]> = [
    ['all', () => true],
    ['dev', (question) => question.set === 'dev'],
    ['holdout', (question) => question.set === 'holdout'],
    ['identifier-style', (question) => question.style === 'identifier'],
    ['paraphrase-style', (question) => question.style === 'paraphrase'],
  ];
  for (const [name, filter] of groups) {
    const picked = questions.map((question, position) => ({ question, position })).filter(({ question }) => filter(question));
    if (picked.length === 0) continue;
    const subset = picked.map(({ question }) => question);
    const take = (rankings: string[][]) => picked.map(({ position }) => rankings[position] ?? []);
    lines.push('');
    lines.push(`${name} (${picked.length} questions)`.padEnd(44) + '   @1     @3     @5     @8     MRR');
    lines.push(row('  BM25, whole files (words)', score(take(baselines.plain), subset)));
    lines.push(row('  BM25, whole files (split identifiers+stems)', score(take(baselines.split), subset)));
    lines.push(row('  codex-ctx (chunks+symbols+grep, fused)', score(take(ours), subset)));
  }
  latencies.sort((a, b) => a - b);
  lines.push('');
  lines.push(`codex-ctx ranking latency: p50 ${latencies[Math.floor(latencies.length / 2)]?.toFixed(1)} ms, max ${latencies.at(-1)?.toFixed(1)} ms`);
  if (process.env.EVAL_VERBOSE) {
    questions.forEach((question, position) => {
      const rank = (rankings: string[][]) => (rankings[position] ?? []).findIndex((path) => question.relevant.includes(path)) + 1 || '-';
      lines.push(`${String(rank(ours)).padStart(3)} ${String(rank(baselines.split)).padStart(3)} ${String(rank(baselines.plain)).padStart(3)}  ${question.question}  → ${(ours[position] ?? []).slice(0, 3).join(', ')}`);
    });
  }
  index.close();
  return lines.join('\n');
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  // eslint-disable-next-line no-console -- a command-line report
  console.log(await runRetrievalEval());
}

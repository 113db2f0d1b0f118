/**
 * Retrieval quality, `npm run eval`: codex-ctx's retriever against whole-file BM25 on a corpus of
 * pinned npm package sources plus a first-party monorepo (bench/eval/build-corpus.ts), over eight sets:
 * `dev`, `dev-2` and `dev-3` (questions.dev*.json: tune on these), `validation` and `validation-3`
 * (questions.validation-2.json, questions.validation-3.json: only their aggregate scores decide whether a generic
 * ranking change is kept),
 * `holdout-seen` (questions.holdout-seen.json: run once after tuning and seen since, reported for continuity)
 * `holdout` (questions.holdout-3.json: the clean test, never tune on it; the targets are checked on it)
 * and `holdout-4` (questions.holdout-4.json: a second clean holdout, kept for one run at the end; aggregate only).
 * `polyglot` (questions.polyglot.json) runs on a corpus of its own (bench/eval/polyglot/): Java, Kotlin, C#, Go,
 * Ruby, PHP, Swift, Python, C and C++; a measurement set, never tuned on, reported per kind and per language.
 *
 *   npm run eval [-- --set dev|dev-2|dev-3|validation|validation-3|holdout-seen|holdout|holdout-4|polyglot|all] [--kind <kind>] [--json] [--verbose]
 *
 * recall@5: share of questions with an answering file among the first 5 distinct files.
 * MRR: mean reciprocal rank of the first answering file (0 beyond rank 20).
 * decoy-first: share of questions (with decoys) where a decoy file ranks above every answering file.
 */
import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { parseArgs } from 'node:util';
import { fileURLToPath } from 'node:url';
import { createBm25Baseline } from './bm25-baseline.js';
import { ensureCorpus, listCorpusFiles, MAIN_CORPUS, type CorpusSpec } from './build-corpus.js';
import { POLYGLOT_CORPUS } from './polyglot/polyglot-corpus.js';
import { closeEvalEngines, prepareForEval, retrieveForEval } from './retrieve-for-eval.js';

const here = dirname(fileURLToPath(import.meta.url));

export const KINDS = ['identifier', 'paraphrase', 'change', 'docs', 'config', 'agent', 'ambiguous', 'followup'] as const;
type Kind = (typeof KINDS)[number];
const SET_FILES = {
  dev: 'questions.dev.json',
  'dev-2': 'questions.dev-2.json',
  'dev-3': 'questions.dev-3.json',
  validation: 'questions.validation-2.json',
  'validation-3': 'questions.validation-3.json',
  'holdout-seen': 'questions.holdout-seen.json',
  holdout: 'questions.holdout-3.json',
  'holdout-4': 'questions.holdout-4.json',
  polyglot: 'questions.polyglot.json',
} as const;
type SetName = keyof typeof SET_FILES;
const SET_NAMES = Object.keys(SET_FILES) as SetName[];
/** Sets whose per-question results are never printed: whoever sees which questions fail can tune on them. */
const AGGREGATE_ONLY: ReadonlySet<SetName> = new Set(['validation', 'validation-3', 'holdout', 'holdout-4']);
/** The corpus a set's questions are about; every set not listed here uses the main corpus. */
const SET_CORPUS: Partial<Record<SetName, CorpusSpec>> = { polyglot: POLYGLOT_CORPUS };
/** Sets that also get one row per language of the answer (the first relevant file's extension family). */
const LANGUAGE_ROWS: ReadonlySet<SetName> = new Set(['polyglot']);

const LANGUAGES: Array<[string, RegExp]> = [
  ['java', /\.java$/],
  ['kotlin', /\.kts?$/],
  ['csharp', /\.cs$/],
  ['go', /\.go$/],
  ['ruby', /\.rb$/],
  ['php', /\.php$/],
  ['swift', /\.swift$/],
  ['python', /\.py$/],
  ['c/c++', /\.(c|h|cc|cpp|hpp|inc)$/],
];
/** The language row of a question: its first answering file's extension family; docs and config files are `other`. */
function languageOf(question: Question): string {
  const path = question.relevant[0] ?? '';
  return LANGUAGES.find(([, pattern]) => pattern.test(path))?.[0] ?? 'other';
}

/** Issue 12's targets, checked on the clean holdout only. */
const TARGETS = { recall: 0.9, mrr: 0.75, kindRecall: 0.8, followupRecall: 0.8 };

interface Question {
  id: string;
  kind: Kind;
  messages: string[];
  relevant: string[];
  decoys?: string[];
  /** Text that an answering file contains: re-checked so a changed pin cannot silently invalidate an answer. */
  evidence?: string[];
}
interface LoadedQuestion extends Question {
  set: SetName;
}

const MRR_CUTOFF = 20;
const RECALL_AT = 5;

function loadQuestions(set: SetName): LoadedQuestion[] {
  const file = join(here, SET_FILES[set]);
  const parsed = JSON.parse(readFileSync(file, 'utf8')) as { questions: Question[] };
  return parsed.questions.map((question) => ({ ...question, set }));
}

/** Every question must be well-formed and name files that exist: a typo would silently cost recall. */
function checkQuestions(questions: LoadedQuestion[], files: Set<string>, root: string): void {
  const ids = new Set<string>();
  for (const question of questions) {
    const where = `${question.set}:${question.id}`;
    if (ids.has(question.id)) throw new Error(`eval: duplicate question id ${where}`);
    ids.add(question.id);
    if (!KINDS.includes(question.kind)) throw new Error(`eval: unknown kind "${question.kind}" in ${where}`);
    const expected = question.kind === 'followup' ? 2 : 1;
    if (question.messages.length !== expected) throw new Error(`eval: ${where} needs ${expected} message(s)`);
    if (question.relevant.length === 0) throw new Error(`eval: ${where} names no answering file`);
    for (const path of [...question.relevant, ...(question.decoys ?? [])]) {
      if (!files.has(path)) throw new Error(`eval: ${where} names a file the corpus does not have: ${path}`);
    }
    const answers = question.relevant.map((path) => readFileSync(join(root, path), 'utf8'));
    for (const text of question.evidence ?? []) {
      if (!answers.some((answer) => answer.includes(text))) throw new Error(`eval: no answering file of ${where} contains ${JSON.stringify(text)}`);
    }
  }
}

interface Outcome {
  /** 1-based rank of the first answering file, 0 when absent. */
  rank: number;
  decoyFirst: boolean;
  top: string[];
}

function judge(question: Question, ranking: string[]): Outcome {
  const relevant = new Set(question.relevant);
  const decoys = new Set(question.decoys ?? []);
  const distinct = [...new Set(ranking)];
  const first = distinct.findIndex((path) => relevant.has(path));
  const firstDecoy = distinct.findIndex((path) => decoys.has(path));
  return {
    rank: first + 1,
    decoyFirst: firstDecoy >= 0 && (first < 0 || firstDecoy < first),
    top: distinct.slice(0, RECALL_AT),
  };
}

interface Scores {
  count: number;
  recall: number;
  mrr: number;
  decoyFirst: number | null;
}

function score(outcomes: Outcome[], questions: Question[]): Scores {
  const count = outcomes.length;
  const recall = outcomes.filter((outcome) => outcome.rank > 0 && outcome.rank <= RECALL_AT).length / Math.max(1, count);
  const mrr = outcomes.reduce((sum, outcome) => sum + (outcome.rank > 0 && outcome.rank <= MRR_CUTOFF ? 1 / outcome.rank : 0), 0) / Math.max(1, count);
  const withDecoys = questions.map((question, index) => ({ question, outcome: outcomes[index] })).filter(({ question }) => (question.decoys ?? []).length > 0);
  const decoyFirst = withDecoys.length ? withDecoys.filter(({ outcome }) => outcome?.decoyFirst).length / withDecoys.length : null;
  return { count, recall, mrr, decoyFirst };
}

const fixed = (value: number | null, digits = 2) => (value === null ? '—' : value.toFixed(digits));

function formatTable(rows: Row[]): string {
  const header = ['set', 'kind', 'n', 'codex-ctx R@5', 'MRR', 'decoy-first', 'BM25 R@5', 'MRR', 'decoy-first'];
  const body = rows.map(({ set, kind, ours, bm25 }) => [
    set,
    kind,
    String(ours.count),
    fixed(ours.recall),
    fixed(ours.mrr, 3),
    fixed(ours.decoyFirst),
    fixed(bm25.recall),
    fixed(bm25.mrr, 3),
    fixed(bm25.decoyFirst),
  ]);
  const all = [header, ...body];
  const widths = header.map((_, column) => Math.max(...all.map((row) => (row[column] ?? '').length)));
  const line = (row: string[]) => row.map((cell, column) => (column < 2 ? cell.padEnd(widths[column] ?? 0) : cell.padStart(widths[column] ?? 0))).join('  ');
  return [line(header), ...body.map((row, index) => (index > 0 && rows[index - 1]?.set !== rows[index]?.set ? `\n${line(row)}` : line(row)))].join('\n');
}

interface Row {
  set: string;
  kind: string;
  ours: Scores;
  bm25: Scores;
}

interface TargetCheck {
  name: string;
  value: number;
  goal: number;
  met: boolean;
}

/** The targets on the clean holdout, or null when that set (or every kind of it) was not run. */
function checkTargets(rows: Row[], kindFilter: string | undefined): TargetCheck[] | null {
  const holdout = rows.filter((row) => row.set === 'holdout');
  const overall = holdout.find((row) => row.kind === 'overall');
  if (!overall || kindFilter) return null;
  const kinds = holdout.filter((row) => KINDS.includes(row.kind as Kind));
  const worst = kinds.reduce((low, row) => (row.ours.recall < low.ours.recall ? row : low), kinds[0] ?? overall);
  const followup = holdout.find((row) => row.kind === 'followup');
  return [
    { name: 'R@5', value: overall.ours.recall, goal: TARGETS.recall, met: overall.ours.recall >= TARGETS.recall },
    { name: 'MRR', value: overall.ours.mrr, goal: TARGETS.mrr, met: overall.ours.mrr >= TARGETS.mrr },
    { name: `every kind R@5 (lowest: ${worst.kind})`, value: worst.ours.recall, goal: TARGETS.kindRecall, met: kinds.every((row) => row.ours.recall >= TARGETS.kindRecall) },
    { name: 'follow-ups R@5', value: followup?.ours.recall ?? 0, goal: TARGETS.followupRecall, met: (followup?.ours.recall ?? 0) >= TARGETS.followupRecall },
  ];
}

function formatTargets(checks: TargetCheck[] | null): string {
  if (!checks) return 'targets: checked on the holdout set with every kind (run without --kind, with --set holdout or all)';
  const parts = checks.map((check) => `${check.name} ${fixed(check.value, check.name === 'MRR' ? 3 : 2)} ≥ ${fixed(check.goal)} ${check.met ? 'met' : 'NOT met'}`);
  const met = checks.filter((check) => check.met).length;
  return `targets on holdout (codex-ctx): ${parts.join('; ')} — ${met}/${checks.length} met`;
}

export async function runEval(options: { set: SetName | 'all'; kind?: string | undefined }) {
  const sets: SetName[] = options.set === 'all' ? SET_NAMES : [options.set];
  if (options.kind && !KINDS.includes(options.kind as Kind)) throw new Error(`eval: --kind must be one of ${KINDS.join(', ')}`);
  const corpusOf = (set: SetName) => SET_CORPUS[set] ?? MAIN_CORPUS;
  const specs = [...new Set(sets.map(corpusOf))];
  const corpora = specs.map((spec) => {
    const root = ensureCorpus(spec);
    const files = listCorpusFiles(root);
    checkQuestions(sets.filter((set) => corpusOf(set) === spec).flatMap(loadQuestions), new Set(files), root);
    return { spec, root, files };
  });
  const rootOf = (set: SetName) => corpora.find((corpus) => corpus.spec === corpusOf(set))?.root ?? '';
  const questions = sets.flatMap(loadQuestions).filter((question) => !options.kind || question.kind === options.kind);

  const buildStarted = performance.now();
  for (const corpus of corpora) await prepareForEval(corpus.root);
  const indexMs = performance.now() - buildStarted;
  const baselines = new Map(corpora.map((corpus) => [corpus.root, createBm25Baseline(corpus.root, corpus.files)]));

  const ours: Outcome[] = [];
  const baseline: Outcome[] = [];
  const latencies: number[] = [];
  try {
    for (const question of questions) {
      const root = rootOf(question.set);
      const started = performance.now();
      const ranked = await retrieveForEval(root, question.messages);
      latencies.push(performance.now() - started);
      ours.push(judge(question, ranked.map((file) => file.path)));
      baseline.push(judge(question, baselines.get(root)?.(question.messages) ?? []));
    }
  } finally {
    await closeEvalEngines();
  }

  // No pooled row across sets: mixing the tuned-on dev set with a holdout would hide what the holdout says.
  const rows: Row[] = [];
  for (const setName of sets) {
    const languages = LANGUAGE_ROWS.has(setName) ? [...LANGUAGES.map(([name]) => name), 'other'].map((name) => `lang ${name}`) : [];
    for (const kind of [...KINDS, 'overall', ...languages]) {
      const matches = (question: LoadedQuestion) =>
        kind === 'overall' || question.kind === kind || (kind.startsWith('lang ') && languageOf(question) === kind.slice('lang '.length));
      const picked = questions.map((question, index) => ({ question, index })).filter(({ question }) => question.set === setName && matches(question));
      if (picked.length === 0) continue;
      const subset = picked.map(({ question }) => question);
      rows.push({
        set: setName,
        kind,
        ours: score(picked.map(({ index }) => ours[index] as Outcome), subset),
        bm25: score(picked.map(({ index }) => baseline[index] as Outcome), subset),
      });
    }
  }
  latencies.sort((a, b) => a - b);
  // Per-question results of the validation sets and the clean holdout stay out of details, --verbose and --json.
  const details = questions.flatMap((question, index) => (AGGREGATE_ONLY.has(question.set) ? [] : [{
    id: question.id,
    set: question.set,
    kind: question.kind,
    rank: ours[index]?.rank ?? 0,
    bm25Rank: baseline[index]?.rank ?? 0,
    decoyFirst: ours[index]?.decoyFirst ?? false,
    bm25DecoyFirst: baseline[index]?.decoyFirst ?? false,
    top: ours[index]?.top ?? [],
    bm25Top: baseline[index]?.top ?? [],
  }]));
  return {
    corpora: corpora.map(({ spec, root, files }) => ({
      name: spec.name,
      root,
      files: files.length,
      packages: files.filter((path) => path.startsWith('libs/')).length,
      firstParty: files.filter((path) => !path.startsWith('libs/')).length,
    })),
    questions: questions.length,
    indexMs: Math.round(indexMs),
    latencyMs: { p50: latencies[Math.floor(latencies.length / 2)] ?? 0, max: latencies.at(-1) ?? 0 },
    rows,
    targets: checkTargets(rows, options.kind),
    details,
    table: formatTable(rows),
  };
}

async function main(): Promise<void> {
  const { values } = parseArgs({
    options: {
      set: { type: 'string', default: 'all' },
      kind: { type: 'string' },
      json: { type: 'boolean', default: false },
      verbose: { type: 'boolean', default: false },
    },
  });
  const set = values.set as SetName | 'all';
  if (![...SET_NAMES, 'all'].includes(set)) throw new Error(`eval: --set must be ${SET_NAMES.join(', ')} or all`);
  const result = await runEval({ set, kind: values.kind });
  if (values.json) {
    const { table: _table, ...machine } = result;
    process.stdout.write(`${JSON.stringify(machine, null, 2)}\n`);
    return;
  }
  const out: string[] = [];
  for (const corpus of result.corpora) {
    out.push(`corpus ${corpus.name}: ${corpus.files} files (${corpus.packages} from npm packages under libs/, ${corpus.firstParty} first-party monorepo)`);
  }
  out.push(
    `${result.questions} questions; index${result.corpora.length > 1 ? 'es' : ''} built in ${result.indexMs} ms; retrieval p50 ${result.latencyMs.p50.toFixed(0)} ms, max ${result.latencyMs.max.toFixed(0)} ms`,
  );
  out.push(`R@5: an answering file among the first ${RECALL_AT} distinct files. MRR: 0 beyond rank ${MRR_CUTOFF}. decoy-first: a decoy ranked above every answer.`);
  out.push('');
  out.push(result.table);
  out.push('');
  out.push(formatTargets(result.targets));
  if (values.verbose) {
    out.push('');
    out.push('ours bm25  id  → codex-ctx top files');
    for (const detail of result.details) {
      const rank = (value: number) => String(value || '-').padStart(4);
      out.push(`${rank(detail.rank)} ${rank(detail.bm25Rank)}  ${detail.set}:${detail.id}${detail.decoyFirst ? ' (decoy first)' : ''}  → ${detail.top.slice(0, 3).join(', ')}`);
    }
  }
  process.stdout.write(`${out.join('\n')}\n`);
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  main().catch((error: unknown) => {
    process.stderr.write(`${error instanceof Error ? error.message : String(error)}\n`);
    process.exitCode = 1;
  });
}

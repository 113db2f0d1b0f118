/**
 * The eval corpus: pinned npm package sources (installed at eval time, never committed) plus the
 * first-party monorepo in bench/eval/monorepo/, copied into one git repository so that file listing
 * goes through `git ls-files` as in a user's checkout.
 *
 * Layout of the built repo: the monorepo at the root (services/, agents/, docs/, …) and each package
 * under `libs/<name>/`. Rebuilt only when the pins, this file's copy rules or the monorepo change.
 */
import { execFileSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { cpSync, existsSync, mkdirSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { dirname, join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';

const here = dirname(fileURLToPath(import.meta.url));
const workRoot = join(here, '..', '.corpus');

/** One corpus: pinned packages (parts copied under libs/<name>/) plus a first-party repo at the root. */
export interface CorpusSpec {
  /** Directory name under bench/.corpus/ of the built repo (its stamp and npm install sit beside it). */
  name: string;
  pinsFile: string;
  monorepoRoot: string;
  packageParts: Record<string, string[]>;
  /** Called with `<package>/<part>/<path>`: true drops the file. */
  skip: (path: string) => boolean;
}

/**
 * What to copy from each package: source directories (rxjs ships TS sources plus ESM and CommonJS
 * builds of the same code — near-duplicates a ranker must not let crowd the top five).
 */
const PACKAGE_PARTS: Record<string, string[]> = {
  rxjs: ['src', 'dist/esm', 'dist/cjs', 'package.json'],
  'lodash-es': ['.'],
  graphql: ['.'],
  hono: ['dist', 'README.md', 'package.json'],
  yaml: ['dist', 'README.md', 'package.json'],
  semver: ['.'],
  minimatch: ['dist', 'README.md', 'package.json'],
  immer: ['src', 'readme.md', 'package.json'],
  mitt: ['.'],
  nanoid: ['.'],
};
/** Build output we skip: source maps, hono's CommonJS twin (rxjs already brings one), licences. */
const SKIP = (path: string) => /\.map$/.test(path) || /^hono\/dist\/cjs\//.test(path) || /(^|\/)LICEN[CS]E(\.md)?$/i.test(path);

/** The main eval corpus (every set but `polyglot`). */
export const MAIN_CORPUS: CorpusSpec = {
  name: 'eval-repo',
  pinsFile: join(here, 'corpus', 'package.json'),
  monorepoRoot: join(here, 'monorepo'),
  packageParts: PACKAGE_PARTS,
  skip: SKIP,
};
export const corpusRoot = join(workRoot, MAIN_CORPUS.name);

function walk(directory: string, visit: (path: string) => void): void {
  for (const entry of readdirSync(directory)) {
    const path = join(directory, entry);
    if (entry === 'node_modules' || entry === '.git') continue;
    if (statSync(path).isDirectory()) walk(path, visit);
    else visit(path);
  }
}

function monorepoFiles(monorepoRoot: string): string[] {
  const files: string[] = [];
  walk(monorepoRoot, (path) => files.push(relative(monorepoRoot, path).split('\\').join('/')));
  return files.sort();
}

function fingerprint(spec: CorpusSpec): string {
  const hash = createHash('sha256');
  hash.update(readFileSync(spec.pinsFile));
  hash.update(JSON.stringify(spec.packageParts) + spec.skip.toString());
  for (const file of monorepoFiles(spec.monorepoRoot)) hash.update(file).update('\0').update(readFileSync(join(spec.monorepoRoot, file))).update('\0');
  return hash.digest('hex');
}

function installPackages(pinsFile: string, npmRoot: string): void {
  const pins = readFileSync(pinsFile, 'utf8');
  const installedPins = join(npmRoot, 'package.json');
  const pinned = JSON.parse(pins) as { dependencies: Record<string, string> };
  const missing = Object.entries(pinned.dependencies).some(([name, version]) => {
    const manifest = join(npmRoot, 'node_modules', name, 'package.json');
    return !existsSync(manifest) || (JSON.parse(readFileSync(manifest, 'utf8')) as { version: string }).version !== version;
  });
  if (!missing) return;
  mkdirSync(npmRoot, { recursive: true });
  writeFileSync(installedPins, pins);
  process.stderr.write('eval: installing corpus packages from the npm registry…\n');
  execFileSync('npm', ['install', '--prefix', npmRoot, '--no-audit', '--no-fund', '--ignore-scripts', '--no-package-lock'], {
    stdio: ['ignore', 'ignore', 'inherit'],
  });
}

function copyInto(from: string, to: string, keep: (relativePath: string) => boolean): number {
  let copied = 0;
  const copy = (path: string) => {
    const rel = relative(from, path).split('\\').join('/');
    if (!keep(rel)) return;
    const target = join(to, rel);
    mkdirSync(dirname(target), { recursive: true });
    cpSync(path, target);
    copied++;
  };
  if (statSync(from).isDirectory()) walk(from, copy);
  else {
    mkdirSync(dirname(to), { recursive: true });
    cpSync(from, to);
    copied++;
  }
  return copied;
}

/** Builds (or reuses) the corpus repo; returns its root. */
export function ensureCorpus(spec: CorpusSpec = MAIN_CORPUS): string {
  const corpusRoot = join(workRoot, spec.name);
  const stampFile = join(workRoot, `${spec.name}.stamp`);
  // The main corpus keeps its historical npm directory; every other corpus installs beside its repo.
  const npmRoot = join(workRoot, spec === MAIN_CORPUS ? 'npm' : `${spec.name}-npm`);
  const stamp = fingerprint(spec);
  if (existsSync(stampFile) && readFileSync(stampFile, 'utf8') === stamp && existsSync(join(corpusRoot, '.git'))) return corpusRoot;
  installPackages(spec.pinsFile, npmRoot);
  rmSync(corpusRoot, { recursive: true, force: true });
  mkdirSync(corpusRoot, { recursive: true });
  copyInto(spec.monorepoRoot, corpusRoot, () => true);
  for (const [name, parts] of Object.entries(spec.packageParts)) {
    const packageRoot = join(npmRoot, 'node_modules', name);
    for (const part of parts) {
      const source = join(packageRoot, part);
      if (!existsSync(source)) throw new Error(`eval corpus: ${name} has no ${part} (pins changed?)`);
      const target = part === '.' ? join(corpusRoot, 'libs', name) : join(corpusRoot, 'libs', name, part);
      const prefix = part === '.' ? '' : `${part}/`;
      copyInto(source, target, (rel) => !spec.skip(`${name}/${prefix}${rel}`.replace(/\/$/, '')));
    }
  }
  const git = (...args: string[]) => execFileSync('git', args, { cwd: corpusRoot, stdio: 'ignore' });
  git('init', '-q');
  git('add', '-A');
  git('-c', 'user.name=eval', '-c', 'user.email=eval@localhost', '-c', 'commit.gpgsign=false', 'commit', '-q', '-m', 'eval corpus');
  writeFileSync(stampFile, stamp);
  return corpusRoot;
}

/** Tracked files of the corpus repo, as a user's repo lists them. */
export function listCorpusFiles(root: string): string[] {
  return execFileSync('git', ['ls-files', '-z'], { cwd: root, maxBuffer: 64 * 1024 * 1024 })
    .toString('utf8')
    .split('\0')
    .filter(Boolean);
}

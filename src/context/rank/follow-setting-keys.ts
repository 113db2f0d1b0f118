import type { SearchSnapshot } from '../index/search-snapshot.js';
import { identifierTerms } from '../query/text-tokens.js';
import type { RepoFileReader } from '../repo/read-text-file.js';
import type { FusedUnit } from './fuse-hits.js';
import { isSettingsFile } from './path-priors.js';

/**
 * Code that reads a setting answers "how", not "how much": `@Value("${billing.charge.max-attempts}")`,
 * `process.env.LOYALTY_EXPIRY_DAYS`, `config('catalog.approval_threshold')`,
 * `Configuration["Inventory:Port"]` name a value that lives in a settings file. For a question about
 * configuration, the settings files that set a key the best-ranked code reads are placed right after
 * that code, so the block holds the value as well as its use.
 */

// `${key}` / `${key:default}` placeholders (Spring, Helm, shell).
const PLACEHOLDER = /\$\{([A-Za-z][\w.-]*)(?::[^}]*)?\}/g;
// Environment variable names: upper-case words joined by underscores (`ORDERS_DB_URL`).
const ENV_NAME = /\b[A-Z][A-Z0-9]*(?:_[A-Z0-9]+)+\b/g;
// Quoted dotted or colon keys: 'catalog.approval_threshold', "Inventory:Port".
const QUOTED_KEY = /["']([A-Za-z][\w-]*(?:[.:][A-Za-z][\w-]*)+)["']/g;
// Dotted strings that are file names, modules or hosts, not settings.
const NOT_A_KEY = /\.(?:[cm]?[jt]sx?|json|ya?ml|md|php|rb|py|go|java|kt|cs|html?|css|png|svg|com|org|io|net)$/i;

/** How many of the best-ranked units are read for keys, and how many settings files are added. */
const READ_UNITS = 3;
const MAX_FOLLOWED = 3;
// A key named in more settings files than this (NODE_ENV, LOG_LEVEL) says nothing about where the value is.
const MAX_FILES_PER_KEY = 3;
const CANDIDATE_FILES = 40;
// Where a value read elsewhere in the best unit's file goes: after this many files.
const FILE_KEY_PLACE = 5;
// A long file names many constants; the first keys it reads (the unit's own first) are enough.
const MAX_KEYS_PER_UNIT = 12;

function keysReadBy(text: string): string[] {
  const keys = new Set<string>();
  for (const match of text.matchAll(PLACEHOLDER)) keys.add(match[1] ?? '');
  for (const match of text.matchAll(ENV_NAME)) keys.add(match[0]);
  for (const match of text.matchAll(QUOTED_KEY)) if (!NOT_A_KEY.test(match[1] ?? '')) keys.add(match[1] ?? '');
  keys.delete('');
  return [...keys];
}

const normalize = (text: string) => text.toLowerCase().replace(/[-_]/g, '');

/**
 * The line of `text` that sets `key`: the key itself (`billing.charge.max-attempts=3`, `ORDERS_DB_URL:`),
 * or — for nested YAML, JSON and PHP arrays — its last part, when every other part is in the file or its path.
 */
function lineSetting(key: string, text: string, path: string): number | undefined {
  const lines = text.split('\n');
  const exact = lines.findIndex((line) => line.includes(key));
  if (exact >= 0) return exact + 1;
  const parts = key.split(/[.:]/).map(normalize);
  const last = parts.at(-1) ?? '';
  if (parts.length < 2 || last.length < 3) return undefined;
  const haystack = normalize(`${path}\n${text}`);
  if (!parts.slice(0, -1).every((part) => haystack.includes(part))) return undefined;
  const line = lines.findIndex((candidate) => normalize(candidate).includes(last));
  return line >= 0 ? line + 1 : undefined;
}

export function followSettingKeys(
  units: readonly FusedUnit[],
  context: { snapshot: SearchSnapshot | undefined; read: RepoFileReader | undefined; isAllowed: (path: string) => boolean },
): FusedUnit[] {
  const { snapshot, read } = context;
  if (!snapshot || !read || units.length === 0) return [...units];
  const added: Array<{ after: FusedUnit; unit: FusedUnit }> = [];
  // The last unit of the first few files: where a value read elsewhere in the best unit's file goes.
  const firstFiles = new Set<string>();
  let afterFirstFiles = units[0]!;
  for (const unit of units) {
    if (!firstFiles.has(unit.path) && firstFiles.size === FILE_KEY_PLACE) break;
    firstFiles.add(unit.path);
    afterFirstFiles = unit;
  }
  for (const unit of units.slice(0, READ_UNITS)) {
    if (added.length >= MAX_FOLLOWED || isSettingsFile(unit.path)) continue;
    const text = read(unit.path)?.text;
    if (!text) continue;
    // The unit's own keys; for the best unit, then the rest of its file's too: a Spring `@Value` field
    // or a config object at the top of a class names what the method below it uses.
    const lines = text.split('\n');
    const own = new Set(keysReadBy(lines.slice(unit.startLine - 1, unit.endLine).join('\n')));
    const keys = [...new Set(unit === units[0] ? [...own, ...keysReadBy(text)] : own)].slice(0, MAX_KEYS_PER_UNIT);
    for (const key of keys) {
      // A key the unit itself reads: its value goes right after it. One read elsewhere in its file is
      // likelier beside the point: its value goes after the first five files, still within most blocks.
      const after = own.has(key) ? unit : afterFirstFiles;
      const stems = key.split(/[.:]/).flatMap((part) => identifierTerms(part));
      const candidates = snapshot.filesContaining(stems, CANDIDATE_FILES).filter((path) => path !== unit.path && isSettingsFile(path) && context.isAllowed(path));
      const setting: Array<{ path: string; line: number }> = [];
      for (const path of candidates) {
        const file = read(path)?.text;
        const line = file === undefined ? undefined : lineSetting(key, file, path);
        if (line !== undefined) setting.push({ path, line });
      }
      if (setting.length === 0 || setting.length > MAX_FILES_PER_KEY) continue;
      for (const { path, line } of setting) {
        if (added.length >= MAX_FOLLOWED || added.some((entry) => entry.unit.path === path)) continue;
        // Already ranked where it would go, or higher: nothing to move.
        const ranked = units.findIndex((other) => other.path === path);
        if (ranked >= 0 && ranked <= units.indexOf(after)) continue;
        const chunk = snapshot.chunkAt(path, line);
        added.push({
          after,
          unit: { path, startLine: chunk?.startLine ?? line, endLine: chunk?.endLine ?? line, focusLine: line, score: after.score, source: 'index', definition: chunk?.symbol?.name },
        });
      }
    }
  }
  if (added.length === 0) return [...units];
  const addedPaths = new Set(added.map((entry) => entry.unit.path));
  // A moved file's lower places go; each added unit follows its anchor.
  const result: FusedUnit[] = [];
  for (const unit of units) {
    if (!addedPaths.has(unit.path)) result.push(unit);
    for (const entry of added) if (entry.after === unit) result.push(entry.unit);
  }
  return result;
}

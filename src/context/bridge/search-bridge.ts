import { definitionNames, type SearchTerms } from '../query/derive-search-terms.js';
import { alternationOf } from '../query/escape-regex.js';
import type { RankedHits, SourceHit } from '../rank/source-hit.js';
import { rankLineMatches } from '../rank/rank-line-matches.js';
import type { BridgeClient } from './bridge-client.js';

interface GrepResult {
  path?: unknown;
  line?: unknown;
  lineText?: unknown;
}
interface SearchResult {
  path?: unknown;
  startLine?: unknown;
  endLine?: unknown;
  score?: unknown;
}
interface SymbolResult {
  path?: unknown;
  name?: unknown;
  startLine?: unknown;
  endLine?: unknown;
}
interface ResultsBody<T> {
  results?: T[];
}

const positive = (value: unknown): number | undefined =>
  typeof value === 'number' && Number.isInteger(value) && value > 0 ? value : undefined;

function resultsOf<T>(data: ResultsBody<T>): T[] {
  return Array.isArray(data.results) ? data.results : [];
}

/** Bridge paths are repo-relative; normalise separators and drop a leading `./`. */
const normalizePath = (value: unknown) => (typeof value === 'string' ? value.replace(/\\/g, '/').replace(/^\.\//, '') : '');

/**
 * Asks the bridge's three retrievers at once (semantic search, grep, symbol lookup), each bounded by
 * the deadline, and returns whatever arrived as ranked hit lists. Never throws.
 */
export async function searchBridge(
  client: BridgeClient,
  terms: SearchTerms,
  options: { deadline: number; grepTerms: string[] },
): Promise<RankedHits[]> {
  // Each call carries its own timer (ending at the shared deadline at the latest).
  const call = { deadline: options.deadline };

  const semantic = client.isUsable('search') && terms.question
    ? client.call<ResultsBody<SearchResult>>('search', { q: terms.question, n: 8 }, call).then((result): RankedHits | undefined => {
        if (!result.ok) return undefined;
        // `score` is a distance: lower is closer; null sorts last.
        const ranked = resultsOf(result.data)
          .map((hit, order) => ({ hit, order, distance: typeof hit.score === 'number' ? hit.score : Number.POSITIVE_INFINITY }))
          .sort((a, b) => a.distance - b.distance || a.order - b.order);
        const hits: SourceHit[] = [];
        for (const { hit } of ranked) {
          const path = normalizePath(hit.path);
          const startLine = positive(hit.startLine);
          if (!path || !startLine) continue;
          hits.push({ path, startLine, endLine: Math.max(startLine, positive(hit.endLine) ?? startLine) });
        }
        return { id: 'bridge-semantic', source: 'bridge:semantic', hits };
      })
    : undefined;

  const grep = client.isUsable('grep') && options.grepTerms.length > 0
    ? client
        .call<ResultsBody<GrepResult>>('grep', { pattern: alternationOf(options.grepTerms), flags: 'i', maxMatches: 100, context: 2 }, call)
        .then((result): RankedHits | undefined => {
          if (!result.ok) return undefined;
          const matches = resultsOf(result.data).flatMap((hit) => {
            const path = normalizePath(hit.path);
            const line = positive(hit.line);
            return path && line ? [{ path, line, text: typeof hit.lineText === 'string' ? hit.lineText : '' }] : [];
          });
          return { id: 'bridge-grep', source: 'bridge:grep', hits: rankLineMatches(matches, options.grepTerms, terms.identifiers) };
        })
    : undefined;

  // Symbol lookup is a substring match on names: send identifiers (or the rarest words), not sentences.
  const own = definitionNames(terms);
  const names = (own.length > 0 ? own : options.grepTerms).slice(0, 3);
  const symbols = client.isUsable('symbolsFind') && names.length > 0
    ? Promise.all(names.map((query) => client.call<ResultsBody<SymbolResult>>('symbolsFind', { query, limit: 50 }, call))).then(
        (results): RankedHits | undefined => {
          const hits: SourceHit[] = [];
          const lowered = new Set(own.map((name) => name.toLowerCase()));
          for (const result of results) {
            if (!result.ok) continue;
            for (const hit of resultsOf(result.data)) {
              const path = normalizePath(hit.path);
              const startLine = positive(hit.startLine);
              const name = typeof hit.name === 'string' ? hit.name : undefined;
              if (!path || !startLine || !name) continue;
              hits.push({ path, startLine, endLine: Math.max(startLine, positive(hit.endLine) ?? startLine), definition: name, exact: lowered.has(name.toLowerCase()) });
            }
          }
          // Results are unranked (index order): exact names first, then shorter (closer) names.
          hits.sort((a, b) => Number(b.exact) - Number(a.exact) || (a.definition?.length ?? 0) - (b.definition?.length ?? 0));
          return results.some((result) => result.ok) ? { id: 'bridge-symbol', source: 'bridge:symbols', hits } : undefined;
        },
      )
    : undefined;

  const settled = await Promise.all([semantic, grep, symbols]);
  return settled.filter((list): list is RankedHits => list !== undefined);
}

/** One line a term search found. */
export interface LineMatch {
  /** Repo-relative, forward slashes. */
  path: string;
  /** 1-based. */
  line: number;
  text: string;
}

export interface TermSearchOptions {
  repoRoot: string;
  /** A regex valid for both ripgrep and JavaScript (user text already escaped). */
  pattern: string;
  /** Stops the search; what was found so far is still returned. */
  signal?: AbortSignal | undefined;
  maxMatches?: number | undefined;
  maxMatchesPerFile?: number | undefined;
  /** Repo-relative directories not to search at all (codex-ctx's notes): matches there would use up the caps. */
  excludedDirectories?: readonly string[] | undefined;
  /** Paths that may be returned (secret and ignored files are filtered whatever the backend). */
  isAllowed: (path: string) => boolean;
}

export const DEFAULT_MAX_MATCHES = 1_000;
export const DEFAULT_MAX_MATCHES_PER_FILE = 20;

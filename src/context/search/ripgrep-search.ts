import { spawn } from 'node:child_process';
import { DEFAULT_MAX_MATCHES, DEFAULT_MAX_MATCHES_PER_FILE, type LineMatch, type TermSearchOptions } from './line-match.js';

let available: Promise<boolean> | undefined;

/** Whether `rg` runs on this machine (checked once per process). */
export function isRipgrepAvailable(): Promise<boolean> {
  available ??= new Promise((resolve) => {
    const child = spawn('rg', ['--version'], { stdio: 'ignore' });
    child.on('error', () => resolve(false));
    child.on('exit', (code) => resolve(code === 0));
  });
  return available;
}

interface RipgrepEvent {
  type: string;
  data?: { path?: { text?: string }; line_number?: number; lines?: { text?: string } };
}

/**
 * Term search with the system ripgrep (honours .gitignore, skips hidden and binary files). Resolves
 * with what it found when the signal aborts or the match cap is reached; never rejects.
 */
export function ripgrepSearch(options: TermSearchOptions): Promise<LineMatch[]> {
  const maxMatches = options.maxMatches ?? DEFAULT_MAX_MATCHES;
  return new Promise((resolve) => {
    const matches: LineMatch[] = [];
    if (options.signal?.aborted) return resolve(matches);
    const child = spawn(
      'rg',
      [
        '--json',
        '--no-config',
        '--ignore-case',
        '--max-count', String(options.maxMatchesPerFile ?? DEFAULT_MAX_MATCHES_PER_FILE),
        '--max-filesize', '512K',
        '--max-columns', '400',
        ...(options.excludedDirectories ?? []).flatMap((directory) => ['--glob', `!/${directory}/**`]),
        '--regexp', options.pattern,
      ],
      { cwd: options.repoRoot, stdio: ['ignore', 'pipe', 'ignore'] },
    );
    let buffered = '';
    let done = false;
    const finish = () => {
      if (done) return;
      done = true;
      options.signal?.removeEventListener('abort', finish);
      child.kill();
      resolve(matches);
    };
    options.signal?.addEventListener('abort', finish, { once: true });
    child.on('error', finish);
    child.on('close', finish);
    child.stdout.setEncoding('utf8');
    child.stdout.on('data', (chunk: string) => {
      buffered += chunk;
      let newline = buffered.indexOf('\n');
      while (newline !== -1 && !done) {
        const line = buffered.slice(0, newline);
        buffered = buffered.slice(newline + 1);
        newline = buffered.indexOf('\n');
        if (!line.startsWith('{"type":"match"')) continue;
        try {
          const event = JSON.parse(line) as RipgrepEvent;
          const path = event.data?.path?.text?.replace(/^\.\//, '');
          const lineNumber = event.data?.line_number;
          if (!path || !lineNumber || !options.isAllowed(path)) continue;
          matches.push({ path, line: lineNumber, text: (event.data?.lines?.text ?? '').replace(/\r?\n$/, '') });
          if (matches.length >= maxMatches) finish();
        } catch {
          // A line cut by the match cap or a path that is not UTF-8: skip it.
        }
      }
    });
  });
}

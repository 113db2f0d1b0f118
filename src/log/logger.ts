import { chmodSync, createWriteStream, mkdirSync, type WriteStream } from 'node:fs';
import { dirname } from 'node:path';
import { redactSecrets } from './redact-secrets.js';

/**
 * The only writer while Codex owns the terminal: JSON lines to a file, never stdout/stderr.
 * Every line goes through the redactor. The log names files and errors from the user's session: it is
 * 0600 in a 0700 folder, and a log an older version created readable by others is tightened on open.
 */
export type LogLevel = 'debug' | 'info' | 'warn' | 'error';

export interface Logger {
  debug(message: string, fields?: Record<string, unknown>): void;
  info(message: string, fields?: Record<string, unknown>): void;
  warn(message: string, fields?: Record<string, unknown>): void;
  error(message: string, fields?: Record<string, unknown>): void;
  /** Resolves once everything written so far reached the file. */
  flush(): Promise<void>;
}

const LEVEL_ORDER: Record<LogLevel, number> = { debug: 10, info: 20, warn: 30, error: 40 };

export const silentLogger: Logger = {
  debug() {},
  info() {},
  warn() {},
  error() {},
  flush: async () => {},
};

export function createFileLogger(options: {
  file: string;
  level?: LogLevel;
  secrets?: Array<string | undefined>;
}): Logger {
  const minimum = LEVEL_ORDER[options.level ?? 'info'];
  const secrets = (options.secrets ?? []).filter((value): value is string => Boolean(value));
  let stream: WriteStream | undefined;
  let broken = false;

  const open = (): WriteStream | undefined => {
    if (stream || broken) return stream;
    try {
      mkdirSync(dirname(options.file), { recursive: true, mode: 0o700 });
      stream = createWriteStream(options.file, { flags: 'a', mode: 0o600 });
      try {
        chmodSync(options.file, 0o600);
      } catch {
        // Not ours to change (or not there yet: the stream creates it with 0600).
      }
      // A full disk must not take the proxy down: stop logging instead.
      stream.on('error', () => {
        broken = true;
      });
    } catch {
      broken = true;
    }
    return stream;
  };

  const write = (level: LogLevel, message: string, fields?: Record<string, unknown>) => {
    if (LEVEL_ORDER[level] < minimum) return;
    const target = open();
    if (!target) return;
    const line = JSON.stringify({ time: new Date().toISOString(), level, message, ...fields });
    target.write(redactSecrets(line, secrets) + '\n');
  };

  return {
    debug: (message, fields) => write('debug', message, fields),
    info: (message, fields) => write('info', message, fields),
    warn: (message, fields) => write('warn', message, fields),
    error: (message, fields) => write('error', message, fields),
    flush: () =>
      new Promise((resolve) => {
        if (!stream || broken) return resolve();
        stream.write('', () => resolve());
      }),
  };
}

import { redactFields } from './redact-fields.js';

export interface Logger {
  info(message: string, fields?: Record<string, unknown>): void;
  warn(message: string, fields?: Record<string, unknown>): void;
  error(message: string, fields?: Record<string, unknown>): void;
}

type Level = 'debug' | 'info' | 'warn' | 'error';
const ORDER: Record<Level, number> = { debug: 10, info: 20, warn: 30, error: 40 };

/**
 * One JSON object per line on stdout (ADR 0010): time, level, service, message, fields. The level
 * comes from LOG_LEVEL (default info). Sensitive fields are redacted before anything is written.
 */
export function createLogger(base: { service: string }, write: (line: string) => void = (line) => process.stdout.write(line)): Logger {
  const threshold = ORDER[(process.env.LOG_LEVEL as Level) ?? 'info'] ?? ORDER.info;
  const log = (level: Level) => (message: string, fields: Record<string, unknown> = {}) => {
    if (ORDER[level] < threshold) return;
    write(`${JSON.stringify({ time: new Date().toISOString(), level, service: base.service, message, ...redactFields(fields) })}\n`);
  };
  return { info: log('info'), warn: log('warn'), error: log('error') };
}

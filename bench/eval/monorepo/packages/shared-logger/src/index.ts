export { createLogger, type Logger } from './logger.js';
export { redactFields } from './redact-fields.js';

import { redactKeyBodyLines } from './redact-key-body-lines.js';
import { PROSE_PASSWORD, QUOTED_ASSIGNMENT, REDACTED, SECRET_PATTERNS, UNQUOTED_ASSIGNMENT } from './secret-patterns.js';

/**
 * Scrubs secrets from any text before it is logged, written into a note, sent to a model as context or
 * put in an error message. Three layers: exact values we know (the bridge token, the session API key),
 * secret-shaped strings (secret-patterns.ts), and private-key bodies cut away from their BEGIN line.
 * Linear in the text: it runs on every request's context and on every note and log line.
 */
export function redactSecrets(text: string, knownSecrets: Iterable<string> = []): string {
  let result = text;
  for (const secret of knownSecrets) {
    // Short values would redact ordinary words; real tokens are long.
    if (secret && secret.length >= 8) result = result.split(secret).join(REDACTED);
  }
  for (const { pattern, replace } of SECRET_PATTERNS) {
    result = result.replace(pattern, replace ?? (() => REDACTED));
  }
  result = redactKeyBodyLines(result);
  result = result.replace(QUOTED_ASSIGNMENT, (match, key: string, quote: string, value: string) =>
    isCodeNotValue(value) ? match : `${key}${quote}${REDACTED}${quote}`,
  );
  result = result.replace(UNQUOTED_ASSIGNMENT, (match, key: string, value: string) =>
    looksLikeUnquotedSecret(value) ? `${key}${REDACTED}` : match,
  );
  result = result.replace(PROSE_PASSWORD, (match, lead: string, quote: string, value: string) =>
    quote || looksLikePassword(value) ? `${lead}${quote}${REDACTED}${quote ? quote : ''}` : match,
  );
  return result;
}

/** A template (`${…}`) or an already redacted value is not a credential. */
function isCodeNotValue(value: string): boolean {
  return value.includes(REDACTED) || value.includes('${') || value.trim() === '';
}

/**
 * Code names secrets all the time (`token: string`, `readToken(file)`, `apiKey: process.env.X`); an
 * unquoted credential is a run of token characters that mixes letters and digits.
 */
function looksLikeUnquotedSecret(value: string): boolean {
  if (value.includes(REDACTED) || /^process\.env/.test(value)) return false;
  return /^[A-Za-z0-9_\-./+=~]{12,}$/.test(value) && /\d/.test(value) && /[A-Za-z]/.test(value);
}

/** In prose, "the password is stored in vault" names no password; "is hunter2!" does. */
function looksLikePassword(value: string): boolean {
  const word = value.replace(/[.,;:!?)]+$/, '');
  return word.length >= 4 && /[^A-Za-z]/.test(word) && !word.includes(REDACTED);
}

/** A redactor bound to this session's known secrets (bridge token, proxy API key). */
export function createSecretRedactor(knownSecrets: Array<string | undefined>): (text: string) => string {
  const secrets = knownSecrets.filter((value): value is string => typeof value === 'string' && value.length > 0);
  return (text) => redactSecrets(text, secrets);
}

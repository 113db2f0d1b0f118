/**
 * Scrubs secrets from any text before it is logged, written into a note, or sent to a model as context.
 * Two layers: exact values we know (the bridge token, the session API key) and secret-shaped strings.
 */

const REDACTED = '[REDACTED]';

// Shapes of common credentials. Each is anchored on a distinctive prefix so ordinary code is untouched.
const SECRET_PATTERNS: RegExp[] = [
  /-----BEGIN [A-Z0-9 ]*PRIVATE KEY-----[\s\S]*?(?:-----END [A-Z0-9 ]*PRIVATE KEY-----|$)/g,
  /\bsk-(?:proj-|ant-|live-|test-)?[A-Za-z0-9_-]{16,}/g, // OpenAI, Anthropic, Stripe-style keys
  /\bgh[pousr]_[A-Za-z0-9]{30,}\b/g, // GitHub tokens
  /\bgithub_pat_[A-Za-z0-9_]{30,}\b/g,
  /\bglpat-[A-Za-z0-9_-]{20,}\b/g, // GitLab
  /\bxox[abposr]-[A-Za-z0-9-]{10,}\b/g, // Slack
  /\b(?:AKIA|ASIA)[0-9A-Z]{16}\b/g, // AWS access key id
  /\bAIza[0-9A-Za-z_-]{35}\b/g, // Google API key
  /\bnpm_[A-Za-z0-9]{36}\b/g,
  /\beyJ[A-Za-z0-9_-]{8,}\.eyJ[A-Za-z0-9_-]{8,}\.[A-Za-z0-9_-]{8,}/g, // JWT
  /\b(Bearer|Basic)\s+[A-Za-z0-9._~+/=-]{12,}/gi, // Authorization header values
];

// `password = "..."`, `API_KEY: ...`, `"client_secret": "..."`: keep the key, hide the value.
const ASSIGNMENT_PATTERN =
  /\b([A-Za-z0-9_.-]*(?:api[_-]?key|secret|token|passw(?:or)?d|credential|private[_-]?key|access[_-]?key)[A-Za-z0-9_.-]*)(["']?\s*[:=]\s*)(["']?)([^\s"'`,;]{8,})\3/gi;

export function redactSecrets(text: string, knownSecrets: Iterable<string> = []): string {
  let result = text;
  for (const secret of knownSecrets) {
    // Short values would redact ordinary words; real tokens are long.
    if (secret && secret.length >= 8) result = result.split(secret).join(REDACTED);
  }
  for (const pattern of SECRET_PATTERNS) {
    result = result.replace(pattern, (match, scheme?: string) =>
      typeof scheme === 'string' && /^(bearer|basic)$/i.test(scheme) ? `${scheme} ${REDACTED}` : REDACTED,
    );
  }
  result = result.replace(ASSIGNMENT_PATTERN, (match, key: string, separator: string, quote: string, value: string) =>
    looksLikeSecretValue(value, quote !== '') ? `${key}${separator}${quote}${REDACTED}${quote}` : match,
  );
  return result;
}

/**
 * Whether the value assigned to a secret-named key is a credential rather than code. Code names
 * secrets all the time (`token: string`, `readToken(file)`, `apiKey: process.env.X`); a credential is a
 * quoted literal, or an unquoted run of token characters that mixes letters and digits.
 */
function looksLikeSecretValue(value: string, quoted: boolean): boolean {
  if (value === REDACTED || value.includes('${') || /^process\.env/.test(value)) return false;
  if (quoted) return true;
  return /^[A-Za-z0-9_\-./+=~]{12,}$/.test(value) && /\d/.test(value) && /[A-Za-z]/.test(value);
}

/** A redactor bound to this session's known secrets (bridge token, proxy API key). */
export function createSecretRedactor(knownSecrets: Array<string | undefined>): (text: string) => string {
  const secrets = knownSecrets.filter((value): value is string => typeof value === 'string' && value.length > 0);
  return (text) => redactSecrets(text, secrets);
}

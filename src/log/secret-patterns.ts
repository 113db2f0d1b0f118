/**
 * Shapes of credentials, each with what to put in its place. Every pattern is anchored on a distinctive
 * prefix or key name and uses bounded repeats, so it stays linear on pathological text (an unbounded
 * `[\w.-]*` before a keyword once took 15 s on 100 KB of `a.a.a.`). Keys, schemes and hosts are kept so
 * the redacted text still reads; only the secret part becomes [REDACTED].
 */
export const REDACTED = '[REDACTED]';

export interface SecretPattern {
  pattern: RegExp;
  /** Groups kept around the redacted value; default: the whole match is replaced. */
  replace?: (match: string, ...groups: string[]) => string;
}

const keepPrefix = (_match: string, prefix: string) => `${prefix}${REDACTED}`;

// Names whose value is a credential however it looks (connection strings, kubeconfig).
const ALWAYS_SECRET_KEYS = 'AccountKey|SharedAccessKey|SharedAccessSignature|client-key-data|client-secret';

export const SECRET_PATTERNS: SecretPattern[] = [
  // PEM and PGP private keys with their BEGIN line; to END or, in a cut snippet, to the end.
  { pattern: /-----BEGIN [A-Z0-9 ]{0,40}PRIVATE KEY(?: BLOCK)?-----[\s\S]*?(?:-----END [A-Z0-9 ]{0,40}PRIVATE KEY(?: BLOCK)?-----|$)/g },
  // Credentials inside URLs, any scheme: postgres://user:pw@host, https://x:token@host.
  {
    pattern: /\b([a-z][a-z0-9+.-]{0,30}:\/\/[^\s/?#@:'"`]{0,256}:)[^\s/?#@'"`]{1,512}(?=@)/gi,
    // A template (`${password}`) is code, not a credential.
    replace: (match, prefix) => (match.includes('${') ? match : `${prefix}${REDACTED}`),
  },
  // Slack incoming webhooks: the path is the credential.
  { pattern: /(https:\/\/hooks\.slack\.com\/(?:services|workflows|triggers)\/)[A-Za-z0-9/_-]{8,}/g, replace: keepPrefix },
  // Azure SAS query signatures.
  { pattern: /([?&]sig=)[A-Za-z0-9%+/=]{16,}/g, replace: keepPrefix },
  {
    pattern: new RegExp(`\\b((?:${ALWAYS_SECRET_KEYS})["']?\\s{0,4}[=:]\\s{0,4}["']?)[^\\s;"',]{8,}`, 'g'),
    replace: keepPrefix,
  },
  { pattern: /\bsk-(?:proj-|ant-|live-|test-)?[A-Za-z0-9_-]{16,}/g }, // OpenAI, Anthropic
  { pattern: /\b(?:sk|rk)_(?:live|test)_[A-Za-z0-9]{10,}/g }, // Stripe secret and restricted keys
  { pattern: /\bwhsec_[A-Za-z0-9]{16,}/g }, // Stripe webhook secret
  { pattern: /\bgh[pousr]_[A-Za-z0-9]{30,}\b/g }, // GitHub tokens
  { pattern: /\bgithub_pat_[A-Za-z0-9_]{30,}\b/g },
  { pattern: /\bglpat-[A-Za-z0-9_-]{20,}\b/g }, // GitLab
  { pattern: /\bxox[a-z]-[A-Za-z0-9-]{10,}/g }, // Slack bot, user, app-level tokens
  { pattern: /\bxapp-\d-[A-Za-z0-9-]{10,}/g },
  { pattern: /\b(?:AKIA|ASIA)[0-9A-Z]{16}\b/g }, // AWS access key id
  { pattern: /\bAIza[0-9A-Za-z_-]{35}\b/g }, // Google API key
  { pattern: /\bnpm_[A-Za-z0-9]{36}\b/g },
  { pattern: /\beyJ[A-Za-z0-9_-]{8,}\.eyJ[A-Za-z0-9_-]{8,}\.[A-Za-z0-9_-]{8,}/g }, // JWT
  // Authorization header values: keep the scheme.
  { pattern: /\b((?:Bearer|Basic)\s{1,4})[A-Za-z0-9._~+/=-]{12,}/gi, replace: keepPrefix },
];

const SECRET_WORD = '(?:api[_-]?key|secret|token|passw(?:or)?d|passphrase|credential|private[_-]?key|access[_-]?key)';

/**
 * `password = "..."`, `API_KEY: ...`, `"client_secret": "..."`: keep the key, hide the value. Quoted
 * values may hold spaces and commas; unquoted ones end at whitespace or punctuation.
 */
export const QUOTED_ASSIGNMENT = new RegExp(
  `\\b([A-Za-z0-9_.-]{0,40}${SECRET_WORD}[A-Za-z0-9_.-]{0,40}["']?\\s{0,4}[:=]\\s{0,4})(["'\`])([^"'\`\\n]{1,200})\\2`,
  'gi',
);
export const UNQUOTED_ASSIGNMENT = new RegExp(
  `\\b([A-Za-z0-9_.-]{0,40}${SECRET_WORD}[A-Za-z0-9_.-]{0,40}["']?\\s{0,4}[:=]\\s{0,4})([^\\s"'\`,;]{8,})`,
  'gi',
);

/** "the deploy password is hunter2!", "the passphrase for staging was `s3cret`". */
export const PROSE_PASSWORD = /\b((?:passw(?:or)?d|passphrase|pass ?code)\b[\w -]{0,40}?\s(?:is|was|are|reads|set to):?\s{1,4})(["'`]?)(\S{4,100})/gi;

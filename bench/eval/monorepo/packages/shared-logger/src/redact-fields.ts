const SENSITIVE = new Set(['authorization', 'cookie', 'password', 'cardnumber', 'cvc', 'token', 'apikey', 'set-cookie']);

/** Replaces sensitive values (by key, case-insensitive, at any depth) with "[redacted]". */
export function redactFields(fields: Record<string, unknown>): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(fields)) {
    if (SENSITIVE.has(key.toLowerCase().replace(/[-_]/g, ''))) out[key] = '[redacted]';
    else if (value && typeof value === 'object' && !Array.isArray(value)) out[key] = redactFields(value as Record<string, unknown>);
    else out[key] = value;
  }
  return out;
}

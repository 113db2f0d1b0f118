/**
 * A TOML basic string. Codex parses every `-c key=value` value as TOML, so anything we pass (URLs,
 * temp paths, model names) is quoted and escaped instead of relying on the raw-text fallback.
 */
export function tomlString(value: string): string {
  let escaped = '';
  for (const character of value) {
    const code = character.codePointAt(0) ?? 0;
    if (character === '"') escaped += '\\"';
    else if (character === '\\') escaped += '\\\\';
    else if (character === '\n') escaped += '\\n';
    else if (character === '\r') escaped += '\\r';
    else if (character === '\t') escaped += '\\t';
    else if (code < 0x20 || code === 0x7f) escaped += `\\u${code.toString(16).padStart(4, '0')}`;
    else escaped += character;
  }
  return `"${escaped}"`;
}

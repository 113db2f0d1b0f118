/**
 * Escapes user text for a regex that both ripgrep (Rust `regex`) and JavaScript accept: exactly the
 * characters Rust's `regex::escape` escapes, all of which are also valid identity escapes in a
 * JavaScript RegExp without the `u` flag.
 */
export function escapeRegex(text: string): string {
  return text.replace(/[\\.+*?()|[\]{}^$#&\-~]/g, '\\$&');
}

/** One alternation of literal terms: `(?:foo|bar\.baz)`. */
export function alternationOf(terms: readonly string[]): string {
  return `(?:${terms.map(escapeRegex).join('|')})`;
}

/**
 * User and model text that lands outside a code block (headings, callout titles, link labels, aliases)
 * must not turn into Obsidian syntax: `[[…]]` would add a ghost node to the graph, `#word` a tag,
 * `|` or `]` would cut a wikilink label, `%%` would hide the rest of the line, `<` raw HTML.
 */
export function inlineText(text: string, maxLength = 80): string {
  const flat = text
    .replace(/[\[\]|#^<>`\\]/g, ' ')
    .replace(/%%/g, '%')
    .replace(/\s+/g, ' ')
    .trim()
    .replace(/^[!>\-+*=]+\s*/, '');
  if (flat.length <= maxLength) return flat;
  return flat.slice(0, maxLength - 1).trimEnd() + '…';
}

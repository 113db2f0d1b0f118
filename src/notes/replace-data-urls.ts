/**
 * Images arrive as data: URLs of several MB; a note must never carry them. Each is replaced by a short
 * placeholder that still says something was there and how big it was.
 */
const BASE64_DATA_URL = /data:([a-z]+\/[a-z0-9.+-]+)?((?:;[a-z0-9-]+=[^;,\s]+)*);base64,[A-Za-z0-9+/=\r\n]*/gi;
// Non-base64 (percent-encoded) images such as inline SVG.
const PLAIN_IMAGE_DATA_URL = /data:image\/[a-z0-9.+-]+(?:;[a-z0-9-]+=[^;,\s]+)*,[^\s"')\]>]*/gi;

export function replaceDataUrls(text: string): string {
  if (!text.includes('data:')) return text;
  return text
    .replace(BASE64_DATA_URL, (match, mime: string | undefined) => {
      const payload = match.slice(match.indexOf(',') + 1).replace(/[\r\n=]/g, '');
      return placeholder(mime, Math.floor((payload.length * 3) / 4));
    })
    .replace(PLAIN_IMAGE_DATA_URL, (match) => placeholder('image/', match.length - match.indexOf(',') - 1));
}

function placeholder(mime: string | undefined, bytes: number): string {
  const kind = mime?.toLowerCase().startsWith('image/') ? 'image' : 'data';
  const size = bytes < 1024 ? `${bytes} B` : `${Math.max(1, Math.round(bytes / 1024))} KB`;
  return `[${kind} ${size}]`;
}

/** Parses a Responses SSE body (`event:` + `data:` frames) into the JSON events, as Codex reads them. */
export function parseSse(text: string): Array<{ type: string; [key: string]: any }> {
  const events: Array<{ type: string; [key: string]: any }> = [];
  for (const frame of text.split(/\r?\n\r?\n/)) {
    const data = frame
      .split(/\r?\n/)
      .filter((line) => line.startsWith('data:'))
      .map((line) => line.slice(5).trimStart())
      .join('\n');
    if (data && data !== '[DONE]') events.push(JSON.parse(data));
  }
  return events;
}

export async function readSse(response: Response): Promise<Array<{ type: string; [key: string]: any }>> {
  return parseSse(await response.text());
}

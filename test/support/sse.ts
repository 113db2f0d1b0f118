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

/** POSTs a Responses request to a proxy's `/v1` base URL and reads the streamed events; any status but 200 throws. */
export async function postResponses(baseUrl: string, body: unknown): Promise<Array<{ type: string; [key: string]: any }>> {
  const response = await fetch(`${baseUrl}/responses`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify(body),
  });
  if (response.status !== 200) throw new Error(`/v1/responses answered ${response.status}: ${await response.text()}`);
  return readSse(response);
}

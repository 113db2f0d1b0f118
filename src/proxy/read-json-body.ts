import { ProxyError } from './openai-error.js';

/**
 * Reads a JSON request body with a byte limit enforced while streaming (a missing or lying
 * content-length cannot get past it), and turns malformed JSON into a 400 that says where.
 */
export const DEFAULT_BODY_LIMIT_BYTES = 64 * 1024 * 1024;

export async function readJsonBody(request: Request, limitBytes: number): Promise<unknown> {
  const declared = Number(request.headers.get('content-length') ?? NaN);
  if (declared > limitBytes) throw bodyTooLarge(limitBytes);
  if (!request.body) throw new ProxyError({ status: 400, code: 'invalid_json', message: 'The request has no body; send a JSON object.' });

  const reader = request.body.getReader();
  const chunks: Uint8Array[] = [];
  let received = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    received += value.byteLength;
    if (received > limitBytes) {
      await reader.cancel().catch(() => {});
      throw bodyTooLarge(limitBytes);
    }
    chunks.push(value);
  }
  const text = Buffer.concat(chunks, received).toString('utf8');
  try {
    return JSON.parse(text);
  } catch (error) {
    const detail = error instanceof Error ? error.message : String(error);
    throw new ProxyError({ status: 400, code: 'invalid_json', message: `The request body is not valid JSON: ${detail}` });
  }
}

function bodyTooLarge(limitBytes: number): ProxyError {
  const mib = (limitBytes / 1024 / 1024).toFixed(limitBytes % (1024 * 1024) ? 1 : 0);
  return new ProxyError({
    status: 413,
    code: 'request_too_large',
    message: `The request body is larger than the proxy's limit of ${mib} MiB (raise it with --body-limit).`,
  });
}

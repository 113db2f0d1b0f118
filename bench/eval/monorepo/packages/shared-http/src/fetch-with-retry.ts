export interface RetryOptions extends RequestInit {
  /** Extra attempts after the first (default 2). */
  retries?: number;
  /** Per-attempt timeout (default 5 s). */
  timeoutMs?: number;
  /** Which HTTP statuses are worth another attempt (default: 502, 503, 504). */
  retryOn?: (status: number) => boolean;
  onRetry?: (attempt: number, reason: string) => void;
}

const DEFAULT_RETRY_ON = (status: number) => status === 502 || status === 503 || status === 504;

/**
 * fetch with bounded retries: exponential backoff from 200 ms with full jitter (so a fleet of clients
 * does not retry in lock-step), capped at 5 s between attempts. Network errors and timeouts are retried
 * like a retryable status. Callers that need idempotency send an Idempotency-Key (ADR 0004).
 */
export async function fetchWithRetry(url: string, options: RetryOptions = {}): Promise<Response> {
  const { retries = 2, timeoutMs = 5_000, retryOn = DEFAULT_RETRY_ON, onRetry, ...init } = options;
  for (let attempt = 0; ; attempt++) {
    let reason: string;
    try {
      const response = await fetch(url, { ...init, signal: AbortSignal.timeout(timeoutMs) });
      if (!retryOn(response.status) || attempt >= retries) return response;
      reason = `status ${response.status}`;
    } catch (error) {
      if (attempt >= retries) throw error;
      reason = error instanceof Error ? error.name : 'network error';
    }
    onRetry?.(attempt + 1, reason);
    await sleep(backoffMs(attempt));
  }
}

export function backoffMs(attempt: number, random: () => number = Math.random): number {
  const ceiling = Math.min(5_000, 200 * 2 ** attempt);
  return Math.floor(random() * ceiling);
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

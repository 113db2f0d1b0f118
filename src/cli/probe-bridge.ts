import { BRIDGE_DIALECTS, type BridgeDialect } from './config-schema.js';
import type { BridgeConfig } from './load-config.js';

/**
 * Is the SmartGPT Bridge there, which route dialect does it serve, and does it take our token
 * (shared/spec/smartgpt-bridge.md)? Used by preflight (warnings only: the local retriever still serves)
 * and by doctor. Never puts the token in a message.
 */
export interface BridgeProbe {
  reachable: boolean;
  /** Why it is unreachable (ECONNREFUSED, timeout, …). */
  error?: string | undefined;
  /** The dialect whose grep route answers; undefined when none does. */
  dialect?: BridgeDialect | undefined;
  /** `/auth/me`: accepted, rejected (401/403), or not served. */
  auth: 'accepted' | 'rejected' | 'unknown';
}

const GREP_ROUTES: Record<BridgeDialect, string> = { root: '/grep', v0: '/v0/grep', v1: '/v1/search/code' };

export async function probeBridge(
  bridge: BridgeConfig,
  options: { timeoutMs?: number; fetch?: typeof fetch } = {},
): Promise<BridgeProbe> {
  const doFetch = options.fetch ?? fetch;
  const timeoutMs = options.timeoutMs ?? 2_000;
  const headers = (dialect: BridgeDialect): Record<string, string> => {
    if (!bridge.token) return {};
    const auth = { authorization: `Bearer ${bridge.token}` };
    return dialect === 'v1' ? { ...auth, 'x-pi-token': bridge.token } : auth;
  };
  const request = (path: string, dialect: BridgeDialect, body?: unknown) =>
    doFetch(`${bridge.url}${path}`, {
      method: body === undefined ? 'GET' : 'POST',
      headers: { ...headers(dialect), ...(body === undefined ? {} : { 'content-type': 'application/json' }) },
      body: body === undefined ? null : JSON.stringify(body),
      signal: AbortSignal.timeout(timeoutMs),
    });

  let auth: BridgeProbe['auth'];
  try {
    const response = await request('/auth/me', bridge.dialect);
    await response.body?.cancel();
    auth = response.status === 401 || response.status === 403 ? 'rejected' : response.ok ? 'accepted' : 'unknown';
  } catch (error) {
    return { reachable: false, error: describeFetchError(error), auth: 'unknown' };
  }

  // A 404 means "route not served": wrong dialect. Any other answer (even 401) means the route exists.
  const order = [bridge.dialect, ...BRIDGE_DIALECTS.filter((dialect) => dialect !== bridge.dialect)];
  for (const dialect of order) {
    try {
      const response = await request(GREP_ROUTES[dialect], dialect, { pattern: 'codex-ctx-probe', maxMatches: 1 });
      await response.body?.cancel();
      if (response.status !== 404) return { reachable: true, dialect, auth };
    } catch {
      // a route that times out tells us nothing; try the next dialect
    }
  }
  return { reachable: true, auth };
}

function describeFetchError(error: unknown): string {
  if (error instanceof Error && error.name === 'TimeoutError') return 'no answer within the timeout';
  const cause = (error as { cause?: { code?: string; message?: string } })?.cause;
  return cause?.code ?? cause?.message ?? (error instanceof Error ? error.message : String(error));
}

/** One warning line per problem, each with its fix; empty when the bridge is fine. */
export function describeBridgeProblems(bridge: BridgeConfig, probe: BridgeProbe): string[] {
  const where = `SmartGPT Bridge at ${bridge.url}`;
  if (!probe.reachable) return [`${where} is not reachable (${probe.error}); using local retrieval only`];
  const problems: string[] = [];
  if (probe.auth === 'rejected') {
    problems.push(
      bridge.token
        ? `${where} rejected the token; check SMARTGPT_BRIDGE_TOKEN (local retrieval still works)`
        : `${where} needs a token; set SMARTGPT_BRIDGE_TOKEN (local retrieval still works)`,
    );
  }
  if (!probe.dialect) problems.push(`${where} serves none of the known routes (root, v0, v1); is that the bridge?`);
  else if (probe.dialect !== bridge.dialect) {
    problems.push(`${where} answers the ${probe.dialect} routes, not ${bridge.dialect}; using ${probe.dialect} (pass --bridge-dialect ${probe.dialect} to say so)`);
  }
  return problems;
}

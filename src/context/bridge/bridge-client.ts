import type { Logger } from '../../log/logger.js';
import { silentLogger } from '../../log/logger.js';
import { createSecretRedactor } from '../../log/redact-secrets.js';
import { BRIDGE_ROUTES, bridgeRoutePath, type BridgeDialect, type BridgeRoute } from './bridge-routes.js';

export interface BridgeConfig {
  url: string;
  dialect: BridgeDialect;
  token?: string | undefined;
}

/** How one route behaves this session. */
export type BridgeRouteState = 'unknown' | 'ok' | 'failing' | 'rate-limited' | 'disabled' | 'unsupported';

export interface BridgeStatus {
  /** Origin only: credentials in the URL are never shown. */
  url: string;
  dialect: BridgeDialect;
  /** `rejected` after a 401: the bridge is not called again this session. */
  auth: 'unknown' | 'accepted' | 'rejected';
  reachable: boolean | undefined;
  routes: Record<BridgeRoute, BridgeRouteState>;
}

export type BridgeCallResult<T> = { ok: true; data: T } | { ok: false; reason: string };

export interface BridgeCallOptions {
  /** Epoch ms after which the result is no longer wanted. */
  deadline: number;
  /** This route's own timeout (the earlier of it and the deadline applies). */
  timeoutMs?: number | undefined;
  method?: 'GET' | 'POST';
}

interface RouteHealth {
  state: BridgeRouteState;
  consecutiveFailures: number;
  pausedUntil: number;
}

// Transient 5xx are retried on later requests; this many in a row means the route is broken.
const MAX_CONSECUTIVE_FAILURES = 3;

function displayOrigin(url: string): string {
  try {
    return new URL(url).origin;
  } catch {
    return '(invalid bridge URL)';
  }
}

/** `retry-after` as seconds or an HTTP date, in ms from now. */
function retryAfterMs(header: string | null, now: number): number {
  if (!header) return 1_000;
  const seconds = Number(header);
  if (Number.isFinite(seconds)) return Math.max(0, seconds * 1_000);
  const date = Date.parse(header);
  return Number.isFinite(date) ? Math.max(0, date - now) : 1_000;
}

const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

/**
 * HTTP client for the SmartGPT Bridge. Sends the token on every call, checks status and `ok`, and
 * degrades instead of failing: a 401 switches the whole bridge off for the session with one loud
 * warning; 403/404 switch off one route; 429 pauses a route for its retry-after; repeated 5xx switch a
 * route off. The token never appears in a warning, a log line or a returned reason.
 */
export class BridgeClient {
  private readonly logger: Logger;
  private readonly redact: (text: string) => string;
  private readonly origin: string;
  private readonly routes = new Map<BridgeRoute, RouteHealth>();
  private auth: BridgeStatus['auth'] = 'unknown';
  private reachable: boolean | undefined;
  private readonly warningList: string[] = [];
  private readonly warned = new Set<string>();

  constructor(
    private readonly config: BridgeConfig,
    options: { logger?: Logger | undefined } = {},
  ) {
    this.logger = options.logger ?? silentLogger;
    this.redact = createSecretRedactor([config.token]);
    this.origin = displayOrigin(config.url);
    for (const route of BRIDGE_ROUTES) {
      const supported = bridgeRoutePath(config.dialect, route) !== undefined;
      this.routes.set(route, { state: supported ? 'unknown' : 'unsupported', consecutiveFailures: 0, pausedUntil: 0 });
    }
  }

  /** Configuration problems to show the user (each once). */
  get warnings(): readonly string[] {
    return this.warningList;
  }

  /** Whether calling this route can produce anything right now. */
  isUsable(route: BridgeRoute): boolean {
    const health = this.routes.get(route);
    return this.auth !== 'rejected' && health !== undefined && health.state !== 'disabled' && health.state !== 'unsupported';
  }

  status(): BridgeStatus {
    const routes = {} as Record<BridgeRoute, BridgeRouteState>;
    for (const route of BRIDGE_ROUTES) {
      const health = this.routes.get(route);
      routes[route] = health && health.state === 'rate-limited' && health.pausedUntil <= Date.now() ? 'ok' : (health?.state ?? 'unknown');
    }
    return { url: this.origin, dialect: this.config.dialect, auth: this.auth, reachable: this.reachable, routes };
  }

  async call<T>(route: BridgeRoute, body: unknown, options: BridgeCallOptions): Promise<BridgeCallResult<T>> {
    const health = this.routes.get(route);
    const path = bridgeRoutePath(this.config.dialect, route);
    if (this.auth === 'rejected') return { ok: false, reason: 'unauthorized' };
    if (!health || !path || health.state === 'unsupported') return { ok: false, reason: 'unsupported' };
    if (health.state === 'disabled') return { ok: false, reason: 'disabled' };

    for (let attempt = 0; attempt < 2; attempt++) {
      const now = Date.now();
      if (health.pausedUntil > now) {
        // Rate-limited: wait only if the pause ends before the deadline.
        if (health.pausedUntil >= options.deadline) return { ok: false, reason: 'rate-limited' };
        await sleep(health.pausedUntil - now);
      }
      const result = await this.send<T>(route, path, body, options, health);
      if (result !== 'retry') return result;
    }
    return { ok: false, reason: 'rate-limited' };
  }

  private async send<T>(
    route: BridgeRoute,
    path: string,
    body: unknown,
    options: BridgeCallOptions,
    health: RouteHealth,
  ): Promise<BridgeCallResult<T> | 'retry'> {
    const remaining = options.deadline - Date.now();
    if (remaining <= 0) return { ok: false, reason: 'deadline' };
    const timeout = Math.min(remaining, options.timeoutMs ?? remaining);
    const headers: Record<string, string> = { accept: 'application/json' };
    if (this.config.token) {
      headers.authorization = `Bearer ${this.config.token}`;
      if (this.config.dialect === 'v1') headers['x-pi-token'] = this.config.token;
    }
    const method = options.method ?? (body === undefined ? 'GET' : 'POST');
    if (method === 'POST') headers['content-type'] = 'application/json';

    let response: Response;
    try {
      // Appended, not resolved: a bridge behind a path prefix (`https://host/bridge`) keeps its prefix.
      response = await fetch(`${this.config.url.replace(/\/+$/, '')}${path}`, {
        method,
        headers,
        body: method === 'POST' ? JSON.stringify(body ?? {}) : undefined,
        signal: AbortSignal.timeout(timeout),
      });
    } catch (error) {
      const timedOut = error instanceof Error && (error.name === 'TimeoutError' || error.name === 'AbortError');
      if (!timedOut) {
        this.reachable = false;
        this.warnOnce(`bridge-unreachable`, `SmartGPT bridge at ${this.origin} is unreachable; continuing with local retrieval.`);
      }
      return { ok: false, reason: timedOut ? 'timeout' : 'unreachable' };
    }
    this.reachable = true;
    const now = Date.now();

    if (response.status === 401) {
      await response.body?.cancel();
      this.auth = 'rejected';
      const fix = this.config.token
        ? 'the token is wrong: set SMARTGPT_BRIDGE_TOKEN to the token the bridge was started with'
        : 'no token is configured: set SMARTGPT_BRIDGE_TOKEN';
      this.warnOnce('bridge-401', `SmartGPT bridge at ${this.origin} answered 401 unauthorized (${fix}). Bridge context is off for this session.`, 'error');
      return { ok: false, reason: 'unauthorized' };
    }
    if (response.status === 429) {
      await response.body?.cancel();
      health.state = 'rate-limited';
      health.pausedUntil = now + retryAfterMs(response.headers.get('retry-after'), now);
      this.logger.debug('bridge route rate-limited', { route, retryAfterMs: health.pausedUntil - now });
      return 'retry';
    }
    if (response.status === 403 || response.status === 404) {
      await response.body?.cancel();
      health.state = 'disabled';
      const why =
        response.status === 404
          ? `is not served (404): check the bridge dialect (configured: ${this.config.dialect})`
          : 'is forbidden (403) for this token';
      this.warnOnce(`bridge-${route}-${response.status}`, `SmartGPT bridge route ${path} ${why}; continuing without it.`);
      return { ok: false, reason: `http ${response.status}` };
    }
    if (!response.ok) {
      const text = await response.text().catch(() => '');
      health.consecutiveFailures++;
      health.state = health.consecutiveFailures >= MAX_CONSECUTIVE_FAILURES ? 'disabled' : 'failing';
      const detail = this.redact(text.slice(0, 200));
      this.warnOnce(`bridge-${route}-failing`, `SmartGPT bridge route ${path} failed (HTTP ${response.status}); continuing without it for now.`);
      this.logger.debug('bridge route error', { route, status: response.status, detail });
      return { ok: false, reason: `http ${response.status}` };
    }

    let parsed: unknown;
    try {
      parsed = await response.json();
    } catch {
      health.consecutiveFailures++;
      return { ok: false, reason: 'invalid json' };
    }
    // v1 omits `ok`; everywhere else `ok: false` is an error even with status 200.
    if (typeof parsed !== 'object' || parsed === null || (parsed as { ok?: unknown }).ok === false) {
      health.consecutiveFailures++;
      return { ok: false, reason: 'not ok' };
    }
    health.state = 'ok';
    health.consecutiveFailures = 0;
    this.auth = this.config.token ? 'accepted' : this.auth;
    return { ok: true, data: parsed as T };
  }

  private warnOnce(key: string, message: string, level: 'warn' | 'error' = 'warn'): void {
    if (this.warned.has(key)) return;
    this.warned.add(key);
    const safe = this.redact(message);
    this.warningList.push(safe);
    this.logger[level](safe);
  }
}

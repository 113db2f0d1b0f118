import type { ProxyOptions } from './proxy-options.js';

/** Everything a route needs, resolved once per app (defaults filled in). */
export interface ProxyContext extends Required<Pick<ProxyOptions, 'backend' | 'bodyLimitBytes' | 'heartbeatIntervalMs' | 'generateId' | 'now'>> {
  options: ProxyOptions;
  logger: NonNullable<ProxyOptions['logger']>;
  /** Aborted when the server closes, so in-flight upstream calls stop with it. */
  shutdownSignal: AbortSignal;
}

/** SmartGPT Bridge routes per dialect (shared/spec/smartgpt-bridge.md). */
export type BridgeDialect = 'root' | 'v0' | 'v1';
export type BridgeRoute = 'search' | 'grep' | 'symbolsFind' | 'symbolsIndex' | 'authMe';

export const BRIDGE_ROUTES: readonly BridgeRoute[] = ['search', 'grep', 'symbolsFind', 'symbolsIndex', 'authMe'];

const PATHS: Record<BridgeDialect, Partial<Record<BridgeRoute, string>>> = {
  root: { search: '/search', grep: '/grep', symbolsFind: '/symbols/find', symbolsIndex: '/symbols/index', authMe: '/auth/me' },
  v0: { search: '/v0/search', grep: '/v0/grep', symbolsFind: '/v0/symbols/find', symbolsIndex: '/v0/symbols/index', authMe: '/auth/me' },
  // v1 has no symbol routes.
  v1: { search: '/v1/search/semantic', grep: '/v1/search/code', authMe: '/auth/me' },
};

/** The path of a route in a dialect, or undefined when the dialect does not serve it. */
export function bridgeRoutePath(dialect: BridgeDialect, route: BridgeRoute): string | undefined {
  return PATHS[dialect][route];
}

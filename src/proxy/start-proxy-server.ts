import { serve } from 'h3';
import getPort from 'get-port';
import { loadTokenizer } from '../tokens/tokenizer.js';
import { createProxyApp } from './create-proxy-app.js';
import type { ProxyOptions, RunningProxy } from './proxy-options.js';

const LOOPBACK = '127.0.0.1';

/**
 * Listens on 127.0.0.1 only, on the given port or a free one, without printing anything (srvx would
 * otherwise announce itself and default to all interfaces).
 */
export async function startProxyServer(options: ProxyOptions & { port?: number | undefined }): Promise<RunningProxy> {
  const { app, shutdown } = createProxyApp(options);
  const port = options.port ?? (await getPort({ host: LOOPBACK }));
  const server = serve(app, {
    port,
    hostname: LOOPBACK,
    silent: true,
    // We own signal handling (the CLI forwards signals to Codex); srvx must not exit on its own.
    gracefulShutdown: false,
  });
  await server.ready();
  // Off the start-up path: ready long before Codex's first request.
  void loadTokenizer();
  const origin = `http://${LOOPBACK}:${port}`;
  let closing: Promise<void> | undefined;
  return {
    origin,
    baseUrl: `${origin}/v1`,
    port,
    close: () =>
      (closing ??= (async () => {
        shutdown();
        await server.close(true);
        await options.recorder?.flush();
        await options.logger?.flush();
      })()),
  };
}

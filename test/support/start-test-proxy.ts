import { createOllamaBackend } from '../../src/backends/ollama/create-ollama-backend.js';
import { startProxyServer } from '../../src/proxy/start-proxy-server.js';
import type { ProxyOptions, RunningProxy } from '../../src/proxy/proxy-options.js';
import { startFakeOllama, type FakeOllama, type StartFakeOllamaOptions } from './fake-ollama.js';

export interface TestProxy {
  proxy: RunningProxy;
  ollama: FakeOllama;
  close(): Promise<void>;
}

/** A fake Ollama and the real proxy in front of it, both on random loopback ports. */
export async function startTestProxy(
  options: {
    fake?: StartFakeOllamaOptions;
    proxy?: Partial<ProxyOptions>;
    backend?: { numCtx?: number; maxNumCtx?: number; heartbeatIntervalMs?: number; backendTimeoutMs?: number };
  } = {},
): Promise<TestProxy> {
  const ollama = await startFakeOllama(options.fake);
  const backend = createOllamaBackend({ baseUrl: ollama.url, ...options.backend });
  const proxy = await startProxyServer({ backend, ...options.proxy });
  return {
    proxy,
    ollama,
    close: async () => {
      await proxy.close();
      // A test may already have stopped the fake to simulate Ollama going away.
      await ollama.close().catch(() => {});
    },
  };
}

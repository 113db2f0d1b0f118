import OpenAI from 'openai';
import { createOpenAIBackend, type OpenAIBackendOptions } from '../../src/backends/openai/create-openai-backend.js';
import type { ProxyOptions, RunningProxy } from '../../src/proxy/proxy-options.js';
import { startProxyServer } from '../../src/proxy/start-proxy-server.js';
import { startFakeOpenAIServer, type FakeOpenAIServer, type StartFakeOpenAIOptions } from '../support/fake-openai-server.js';

export interface OpenAITestProxy {
  proxy: RunningProxy;
  server: FakeOpenAIServer;
  /** The official SDK pointed at the proxy, without retries (a 5xx must surface in the test). */
  client: OpenAI;
  close(): Promise<void>;
}

/** A fake OpenAI-compatible server and the real proxy in front of it through the `openai` backend. */
export async function startOpenAITestProxy(
  options: { fake?: StartFakeOpenAIOptions; backend?: Partial<OpenAIBackendOptions>; proxy?: Partial<ProxyOptions> } = {},
): Promise<OpenAITestProxy> {
  const server = await startFakeOpenAIServer(options.fake);
  const backend = createOpenAIBackend({ baseUrl: server.baseUrl, name: 'lmstudio', ...options.backend });
  const proxy = await startProxyServer({ backend, ...options.proxy });
  return {
    proxy,
    server,
    client: new OpenAI({ baseURL: proxy.baseUrl, apiKey: 'unused', maxRetries: 0 }),
    close: async () => {
      await proxy.close();
      await server.close();
    },
  };
}

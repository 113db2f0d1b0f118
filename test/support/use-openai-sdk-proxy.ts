import OpenAI from 'openai';
import { afterEach } from 'vitest';
import type { FakeOllama } from './fake-ollama.js';
import { startTestProxy } from './start-test-proxy.js';

/**
 * The official openai SDK pointed at the real proxy and a fake Ollama, closed after each test. No
 * retries: a 5xx must surface in the test, not be retried by the SDK.
 */
export function useOpenAISdkProxy(): {
  start(options?: Parameters<typeof startTestProxy>[0]): Promise<OpenAI>;
  readonly ollama: FakeOllama;
} {
  let running: Awaited<ReturnType<typeof startTestProxy>> | undefined;
  afterEach(async () => {
    await running?.close();
    running = undefined;
  });
  return {
    async start(options = {}) {
      running = await startTestProxy(options);
      return new OpenAI({ baseURL: running.proxy.baseUrl, apiKey: 'unused', maxRetries: 0 });
    },
    get ollama() {
      if (!running) throw new Error('start() first');
      return running.ollama;
    },
  };
}

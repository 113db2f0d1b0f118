// The proxy as it ships (dist/), alone in its own process, for the benchmark. Prints its origin once ready.
import { createOllamaBackend } from '../dist/backends/ollama/create-ollama-backend.js';
import { startProxyServer } from '../dist/proxy/start-proxy-server.js';

const ollamaUrl = process.argv[2];
const proxy = await startProxyServer({ backend: createOllamaBackend({ baseUrl: ollamaUrl }) });
process.stdout.write(`${proxy.origin}\n`);
const stop = () => proxy.close().then(() => process.exit(0));
process.on('SIGTERM', stop);
process.on('SIGINT', stop);

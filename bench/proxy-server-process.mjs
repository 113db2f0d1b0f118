// The proxy as it ships (dist/), alone in its own process, for the benchmark. Prints its origin once ready.
// A second argument `openai` puts the OpenAI-compatible backend in front of the URL instead of Ollama;
// `--no-tool-rescue` anywhere turns the tool-call rescue off (as the CLI flag does).
import { createOllamaBackend } from '../dist/backends/ollama/create-ollama-backend.js';
import { createOpenAIBackend } from '../dist/backends/openai/create-openai-backend.js';
import { startProxyServer } from '../dist/proxy/start-proxy-server.js';

const toolRescue = !process.argv.includes('--no-tool-rescue');
const [upstreamUrl, backendType] = process.argv.slice(2).filter((argument) => argument !== '--no-tool-rescue');
const backend =
  backendType === 'openai' ? createOpenAIBackend({ baseUrl: upstreamUrl }) : createOllamaBackend({ baseUrl: upstreamUrl });
const proxy = await startProxyServer({ backend, toolRescue });
process.stdout.write(`${proxy.origin}\n`);
const stop = () => proxy.close().then(() => process.exit(0));
process.on('SIGTERM', stop);
process.on('SIGINT', stop);

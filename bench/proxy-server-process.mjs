// The proxy as it ships (dist/), alone in its own process, for the benchmark. Prints its origin once ready.
// A second argument `openai` puts the OpenAI-compatible backend in front of the URL instead of Ollama;
// `--no-tool-rescue` anywhere turns the tool-call rescue off (as the CLI flag does).
// CODEX_CTX_DIST=/path/to/another/dist runs another build (the bench's baseline contender).
import { pathToFileURL } from 'node:url';

const dist = process.env.CODEX_CTX_DIST ? pathToFileURL(`${process.env.CODEX_CTX_DIST}/`) : new URL('../dist/', import.meta.url);
const { createOllamaBackend } = await import(new URL('backends/ollama/create-ollama-backend.js', dist).href);
const { createOpenAIBackend } = await import(new URL('backends/openai/create-openai-backend.js', dist).href);
const { startProxyServer } = await import(new URL('proxy/start-proxy-server.js', dist).href);

const toolRescue = !process.argv.includes('--no-tool-rescue');
const [upstreamUrl, backendType] = process.argv.slice(2).filter((argument) => argument !== '--no-tool-rescue');
const backend =
  backendType === 'openai' ? createOpenAIBackend({ baseUrl: upstreamUrl }) : createOllamaBackend({ baseUrl: upstreamUrl });
const proxy = await startProxyServer({ backend, toolRescue });
process.stdout.write(`${proxy.origin}\n`);
const stop = () => proxy.close().then(() => process.exit(0));
process.on('SIGTERM', stop);
process.on('SIGINT', stop);

// The fake OpenAI-compatible server alone in its own process, for the benchmark: echoes the last user
// message word by word. Prints `fake-openai listening on <base URL>` once ready.
import { startFakeOpenAIServer } from '../test/support/fake-openai-server.js';

const server = await startFakeOpenAIServer();
process.stdout.write(`fake-openai listening on ${server.baseUrl}\n`);
const stop = () => server.close().then(() => process.exit(0));
process.on('SIGTERM', stop);
process.on('SIGINT', stop);

import { runChatOverheadBench } from './chat-overhead.js';
import { runContextBench } from './context-bench.js';
import { runEmbedBench } from './embed-bench.js';
import { runProxyOverheadBench } from './proxy-overhead.js';
import { runResponsesHotPathStagesBench } from './responses-hot-path-stages.js';
import { runToolRescueBench } from './tool-rescue-overhead.js';

/** `npm run bench`: every benchmark, one after the other, printed as medians and ratios. */
const sections: Array<[string, () => Promise<string[] | string>]> = [
  ['Proxy overhead (/v1/responses): codex-ctx vs the floor vs direct', runProxyOverheadBench],
  ['The /v1/responses hot path, stage by stage (in-process CPU)', runResponsesHotPathStagesBench],
  ['Chat completions overhead and throughput (/v1/chat/completions)', runChatOverheadBench],
  ['Context assembly on a 10,000-file repository', runContextBench],
  ['The opt-in embedding source on the same repository (fake instant embedder)', runEmbedBench],
  ['Tool-call rescue: added cost per streamed text chunk', runToolRescueBench],
];

for (const [title, run] of sections) {
  process.stdout.write(`\n## ${title}\n`);
  const output = await run();
  process.stdout.write(`${Array.isArray(output) ? output.join('\n') : output}\n`);
}

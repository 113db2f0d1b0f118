// One index build in a fresh process, as a session or a dry run does it: prints how long until the
// index was ready, its status, and the process's peak resident memory. Uses the built dist/.
//   node bench/index-process.mjs <repoRoot> <cacheDir>
import { RepoIndex } from '../dist/context/index/repo-index.js';

const [repoRoot, cacheDir] = process.argv.slice(2);
const started = performance.now();
const index = new RepoIndex({ repoRoot, cacheDir });
await index.start();
const readyMs = performance.now() - started;
await index.close();
process.stdout.write(JSON.stringify({ readyMs, status: index.status(), peakRssMb: process.resourceUsage().maxRSS / 1024 }));

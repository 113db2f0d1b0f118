import { createContextEngine } from '../context/create-context-engine.js';
import { createFileLogger } from '../log/logger.js';
import { createSessionRecorder } from '../notes/create-session-recorder.js';
import { describeNoteWriteError } from '../notes/describe-note-write-error.js';
import type { CliRuntime } from './cli-runtime.js';
import type { FlagValues } from './config-layers.js';
import { proxyLogPath } from './default-paths.js';
import { startSessionProxy } from './start-session-proxy.js';
import { loadCommandConfig } from './load-command-config.js';
import { describeBridgeProblems, probeBridge } from './probe-bridge.js';
import { createSessionBackend } from './create-session-backend.js';
import { createBackendTextEmbedder } from './create-backend-text-embedder.js';
import { generateSessionKey } from './generate-session-key.js';

/**
 * `codex-ctx serve`: the proxy alone, for other OpenAI-compatible tools. Prints what an SDK user needs on
 * stdout, `OPENAI_BASE_URL=…` then, for a key it made up, `OPENAI_API_KEY=…` (scripts read the lines),
 * serves until SIGINT/SIGTERM/SIGHUP, then closes cleanly and exits 0. A key is required: loopback alone
 * admits every user and program on the machine, and the proxy holds repository code. `--no-auth` opts out.
 */
const STOP_SIGNALS = ['SIGINT', 'SIGTERM', 'SIGHUP'] as const;

export async function runServe(commandLine: { flags: FlagValues; apiKey?: string | undefined; auth?: boolean }, runtime: CliRuntime): Promise<number> {
  const { env, cwd, output } = runtime;
  const config = await loadCommandConfig(commandLine.flags, runtime);
  const key = chooseServeKey(commandLine, env);
  const apiKey = key?.value;
  const secrets = [apiKey, config.bridge?.token].filter((value): value is string => Boolean(value));
  const logFile = proxyLogPath(env);
  const logger = createFileLogger({ file: logFile, level: config.verbose ? 'debug' : 'info', secrets });
  const backend = createSessionBackend(config, logger);

  // Serving may start before Ollama does: say so, but keep going.
  await backend.listModels(AbortSignal.timeout(5_000)).catch((error: unknown) => {
    output.warn(error instanceof Error ? error.message : String(error));
  });
  let dialect = config.bridge?.dialect;
  if (config.bridge && config.context) {
    const probe = await probeBridge(config.bridge);
    for (const problem of describeBridgeProblems(config.bridge, probe)) output.warn(problem);
    dialect = probe.dialect ?? dialect;
  }

  const context = config.context
    ? createContextEngine({
        repoRoot: config.repoRoot,
        bridge: config.bridge && dialect && { url: config.bridge.url, dialect, token: config.bridge.token },
        budgetTokens: config.contextBudget,
        logDir: config.logDir,
        logger,
        embedder: config.embedModel ? createBackendTextEmbedder(backend, config.embedModel) : undefined,
      })
    : undefined;
  const recorder = config.log
    ? createSessionRecorder({
        logDir: config.logDir,
        repoRoot: config.repoRoot,
        model: config.model ?? 'per request',
        backend: backend.name,
        secrets,
        logger,
        // serve never gives the terminal away: say it at once (the recorder reports only the first failure).
        onError: (error) => void describeNoteWriteError(config.logDir, error).then(output.warn),
      })
    : undefined;
  const flushOnExit = () => recorder?.flushSync();
  process.on('exit', flushOnExit);

  const stopped = waitForStopSignal();
  try {
    const proxy = await startSessionProxy({ backend, apiKey, allowedOrigins: config.allowedOrigins, context, recorder, logger, port: config.port, toolRescue: config.toolRescue });
    output.data(`OPENAI_BASE_URL=${proxy.baseUrl}`);
    // Printed once, only when we made it up: a key the user chose is one they already have.
    if (key?.generated) output.data(`OPENAI_API_KEY=${key.value}`);
    if (config.verbose) output.info(`codex-ctx: proxy log ${logFile}`);
    const signal = await stopped.signal;
    logger.info('stopping', { signal });
    await proxy.close();
  } finally {
    stopped.dispose();
    await recorder?.close();
    await context?.close();
    await logger.flush();
    process.off('exit', flushOnExit);
  }
  return 0;
}

function chooseServeKey(
  commandLine: { apiKey?: string | undefined; auth?: boolean },
  env: Record<string, string | undefined>,
): { value: string; generated: boolean } | undefined {
  if (commandLine.auth === false) return undefined;
  const chosen = commandLine.apiKey?.trim() || env.CODEX_CTX_API_KEY?.trim();
  if (chosen) return { value: chosen, generated: false };
  return { value: generateSessionKey(), generated: true };
}

function waitForStopSignal(): { signal: Promise<NodeJS.Signals>; dispose(): void } {
  let handler: ((signal: NodeJS.Signals) => void) | undefined;
  const signal = new Promise<NodeJS.Signals>((resolve) => {
    handler = resolve;
    for (const name of STOP_SIGNALS) process.on(name, resolve);
  });
  return {
    signal,
    dispose: () => {
      for (const name of STOP_SIGNALS) if (handler) process.off(name, handler);
    },
  };
}

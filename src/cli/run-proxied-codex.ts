import { generateSessionKey } from './generate-session-key.js';
import { resolve } from 'node:path';
import { createContextEngine } from '../context/create-context-engine.js';
import { createFileLogger } from '../log/logger.js';
import { createSessionRecorder } from '../notes/create-session-recorder.js';
import { describeNoteWriteError } from '../notes/describe-note-write-error.js';
import { BASE_INSTRUCTIONS } from './base-instructions.js';
import { launchInstructions } from './codex-prompt-floor.js';
import { UserFacingError } from './config-error.js';
import { buildCodexArgs, buildCodexEnv } from './build-codex-args.js';
import { buildModelCatalog, writeModelCatalog } from './build-model-catalog.js';
import type { CliRuntime } from './cli-runtime.js';
import { createSessionBackend } from './create-session-backend.js';
import { createBackendTextEmbedder } from './create-backend-text-embedder.js';
import { proxyLogPath } from './default-paths.js';
import type { CodexArgsInfo } from './inspect-codex-args.js';
import { findCodexSession, formatResumeHint } from './find-codex-session.js';
import { launchCodex } from './launch-codex.js';
import { rememberNotesProblem, takeNotesProblem } from './notes-problem-file.js';
import type { CliConfig } from './load-config.js';
import type { CodexCommand } from './resolve-codex-bin.js';
import { runPreflight } from './run-preflight.js';
import { startSessionProxy } from './start-session-proxy.js';

/**
 * Launch proper: check Ollama, start the proxy with a per-session key, run Codex in the foreground,
 * then shut everything down in reverse order. Resolves with Codex's exit (code, or why it never ran).
 */
export async function runProxiedCodex(options: {
  config: CliConfig;
  codex: CodexCommand;
  info: CodexArgsInfo;
  runtime: CliRuntime;
}): Promise<{ exitCode: number; startError?: string | undefined }> {
  const { config, codex, info, runtime } = options;
  const { output, env, cwd } = runtime;
  // Only this session's Codex gets the key, so other local processes cannot use the proxy.
  const apiKey = generateSessionKey();
  const secrets = [apiKey, config.bridge?.token].filter((value): value is string => Boolean(value));
  const logFile = proxyLogPath(env);
  const logger = createFileLogger({ file: logFile, level: config.verbose ? 'debug' : 'info', secrets });
  const backend = createSessionBackend(config, logger);

  // Undone in reverse order after Codex exits (or when a later step fails).
  const cleanup: Array<() => Promise<unknown>> = [() => logger.flush()];
  const runCleanup = async () => {
    for (const step of cleanup.splice(0).reverse()) await step().catch(() => undefined);
  };

  try {
    const spinner = output.spinner('Starting codex-ctx');
    let preflight;
    try {
      preflight = await runPreflight({ config, backend, spinner, instructions: launchInstructions(config.codexPrompt) });
    } finally {
      spinner.stop();
    }
    const { model, contextWindow } = preflight;
    if (preflight.modelResolvedFrom) {
      // Codex's own `-m qwen3` would still reach the proxy as the bare name Ollama does not have.
      if (info.model) throw new UserFacingError(`Ollama has ${model}, not ${preflight.modelResolvedFrom}; pass -m ${model}`);
      output.info(`codex-ctx: using ${model}, the one installed tag of ${preflight.modelResolvedFrom}`);
    }
    if (preflight.modelPicked) output.info(`codex-ctx: no model configured; using ${model}, the first model Ollama lists (pass -m to choose)`);
    for (const warning of preflight.warnings) output.warn(warning);
    const earlierNotesProblem = takeNotesProblem(env);
    if (earlierNotesProblem) output.warn(`in an earlier session, ${earlierNotesProblem}`);
    for (const dropped of info.droppedProviderArgs) {
      output.warn(`ignoring "${dropped}": codex-ctx is the model provider here (run plain codex for another provider)`);
    }

    const context = config.context
      ? createContextEngine({
          repoRoot: config.repoRoot,
          bridge: config.bridge && {
            url: config.bridge.url,
            dialect: preflight.bridgeDialect ?? config.bridge.dialect,
            token: config.bridge.token,
          },
          budgetTokens: config.contextBudget,
          logDir: config.logDir,
          logger,
          embedder: config.embedModel ? createBackendTextEmbedder(backend, config.embedModel) : undefined,
        })
      : undefined;
    if (context) cleanup.push(() => context.close());

    let notesProblem: Promise<void> | undefined;
    const recorder = config.log
      ? createSessionRecorder({
          logDir: config.logDir,
          repoRoot: config.repoRoot,
          model,
          backend: backend.name,
          secrets,
          logger,
          // Held while Codex owns the terminal, printed once it exits (the recorder reports only the first failure).
          onError: (error) => {
            notesProblem = describeNoteWriteError(config.logDir, error).then((line) => {
              rememberNotesProblem(env, line);
              output.warn(line);
            });
          },
        })
      : undefined;
    if (recorder) {
      // Runs after recorder.close() (cleanup goes in reverse), so a failure of the last write is said too.
      cleanup.push(async () => {
        await notesProblem;
        // Said (or about to be, once the terminal is released): not again at the next start.
        if (notesProblem) takeNotesProblem(env);
      });
      // Paths that cannot await (an uncaught exception, process.exit) still get the notes on disk.
      const flushOnExit = () => recorder.flushSync();
      process.on('exit', flushOnExit);
      cleanup.push(async () => process.off('exit', flushOnExit));
      cleanup.push(() => recorder.close());
    }

    const proxy = await startSessionProxy({
      backend,
      apiKey,
      allowedOrigins: config.allowedOrigins,
      context,
      recorder,
      logger,
      port: config.port,
      toolRescue: config.toolRescue,
    });
    cleanup.push(() => proxy.close());

    let catalogPath: string | undefined;
    if (config.codexPrompt) {
      output.info(
        "codex-ctx: using Codex's built-in prompt: without our model catalog Codex has no apply_patch tool (edits go through shell commands) and warns that model metadata is missing",
      );
    } else {
      const catalog = await writeModelCatalog(
        buildModelCatalog({ model, description: preflight.description, contextWindow, baseInstructions: BASE_INSTRUCTIONS }),
      );
      cleanup.push(() => catalog.remove());
      catalogPath = catalog.path;
    }

    const args = buildCodexArgs({
      proxyBaseUrl: proxy.baseUrl,
      model,
      contextWindow,
      catalogPath,
      userArgs: info.args,
      embeddedAppServer: usesSharedAppServer(info),
      backendTimeout: config.backendTimeout,
    });
    if (config.verbose) {
      output.info(`codex-ctx: ${model} via Ollama at ${config.ollamaUrl}, window ${contextWindow} tokens`);
      const embeddings = config.context && config.embedModel ? ` (embeddings: ${config.embedModel})` : '';
      output.info(`codex-ctx: proxy ${proxy.baseUrl}; context ${config.context ? 'on' : 'off'}${embeddings}; notes ${config.log ? config.logDir : 'off'}`);
      output.info(`codex-ctx: proxy log ${logFile}; Codex ${codex.display} (${codex.origin})`);
    }
    logger.info('starting Codex', { model, contextWindow, proxy: proxy.baseUrl, codex: codex.display, args: info.args.length });

    // From here until Codex exits the terminal is Codex's: anything we say waits.
    const release = output.hold();
    const launchedAt = Date.now();
    let run;
    try {
      run = await launchCodex({ command: codex, args, env: { ...env, ...buildCodexEnv({ proxyBaseUrl: proxy.baseUrl, apiKey }) }, cwd });
      logger.info('Codex exited', { exitCode: run.exitCode });
      await runCleanup();
    } finally {
      release();
    }
    // Codex's own hint (`codex resume <id>`) would resume against OpenAI; ours keeps the local model.
    const session = await findCodexSession({ env, since: launchedAt - 1_000, cwd: info.workdir ? resolve(cwd, info.workdir) : cwd });
    if (session) output.info(formatResumeHint(session));
    return run;
  } finally {
    await runCleanup();
  }
}

/** The commands that would use Codex's shared background server; `--remote` picks another server. */
function usesSharedAppServer(info: CodexArgsInfo): boolean {
  const tui = info.subcommand === undefined || ['resume', 'fork', 'agents'].includes(info.subcommand);
  return tui && !info.args.some((arg) => arg === '--remote' || arg.startsWith('--remote='));
}

import { silentLogger } from '../log/logger.js';
import type { TextEmbedder } from '../context/embed/text-embedder.js';
import { formatContextPreview, previewContext } from '../context/preview-context.js';
import { UserFacingError } from './config-error.js';
import { describeBridgeProblems, probeBridge } from './probe-bridge.js';
import type { CodexArgsInfo } from './inspect-codex-args.js';
import type { CliConfig } from './load-config.js';
import type { TerminalOutput } from './terminal-output.js';

/**
 * `--dry-run "question"`: the context block codex-ctx would add, and its token counts. No Codex, no
 * proxy, no notes, no log file; it saves the index cache (outside the work tree) so the next run is fast.
 */
export async function runDryRun(options: {
  config: CliConfig;
  codexArgs: CodexArgsInfo;
  json: boolean;
  output: TerminalOutput;
}): Promise<number> {
  const { config } = options;
  // The prompt is Codex's last positional (`exec "fix the test"`, or just `"fix the test"`).
  const question = options.codexArgs.positionals.at(-1)?.trim();
  if (!question) {
    throw new UserFacingError('--dry-run needs a question, for example: codex-ctx --dry-run "where are sessions stored?"');
  }
  // The same bridge warnings a launch gives: a preview without the bridge's hits should say why.
  if (config.bridge) {
    for (const problem of describeBridgeProblems(config.bridge, await probeBridge(config.bridge))) options.output.warn(problem);
  }
  // The backend's code loads only when an embedding model is configured: a plain dry run stays fast.
  const embedder = config.embedModel ? await createDryRunEmbedder(config, config.embedModel) : undefined;
  // Progress goes to stderr on a terminal only (the spinner is a no-op otherwise).
  let spinner: ReturnType<TerminalOutput['spinner']> | undefined;
  const pack = await previewContext(
    question,
    { repoRoot: config.repoRoot, bridge: config.bridge, budgetTokens: config.contextBudget, logDir: config.logDir, logger: silentLogger, embedder },
    {
      onIndexProgress: (text) => (spinner ? spinner.update(text) : (spinner = options.output.spinner(text))),
      onEmbeddingProblem: (text) => options.output.warn(text),
    },
  ).finally(() => spinner?.stop());
  options.output.data(formatContextPreview(pack, { json: options.json }));
  return 0;
}

/** The question is embedded with the session's backend; the vectors are those a session saved (no job runs). */
async function createDryRunEmbedder(config: CliConfig, model: string): Promise<TextEmbedder> {
  const [{ createSessionBackend }, { createBackendTextEmbedder }] = await Promise.all([import('./create-session-backend.js'), import('./create-backend-text-embedder.js')]);
  return createBackendTextEmbedder(createSessionBackend(config), model);
}

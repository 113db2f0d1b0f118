import { silentLogger } from '../log/logger.js';
import { formatContextPreview, previewContext } from '../context/preview-context.js';
import { UserFacingError } from './config-error.js';
import type { CodexArgsInfo } from './inspect-codex-args.js';
import type { CliConfig } from './load-config.js';
import type { TerminalOutput } from './terminal-output.js';

/**
 * `--dry-run "question"`: the context block codex-ctx would add, and its token counts. Read-only: no
 * Codex, no proxy, no notes, no log file — safe to run anywhere to see what retrieval finds.
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
  const pack = await previewContext(question, {
    repoRoot: config.repoRoot,
    bridge: config.bridge,
    budgetTokens: config.contextBudget,
    logDir: config.logDir,
    logger: silentLogger,
    readOnly: true,
  });
  options.output.data(formatContextPreview(pack, { json: options.json }));
  return 0;
}

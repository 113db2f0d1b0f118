import type { CliRuntime } from './cli-runtime.js';
import { UserFacingError } from './config-error.js';
import { parseCommandLine } from './parse-command-line.js';
import { processOutput } from './terminal-output.js';

/**
 * Entry point (bin/codex-ctx): returns the exit code instead of calling process.exit, so pending writes
 * (notes, logs) finish and tests can run it in-process with an injected runtime.
 */
export async function main(argv: string[], runtime: Partial<CliRuntime> = {}): Promise<number> {
  const output = runtime.output ?? processOutput();
  const context: CliRuntime = { env: runtime.env ?? process.env, cwd: runtime.cwd ?? process.cwd(), output };
  try {
    const commandLine = await parseCommandLine(argv);
    switch (commandLine.kind) {
      case 'exit':
        if (commandLine.stdout) output.data(commandLine.stdout.trimEnd());
        if (commandLine.stderr) output.error(commandLine.stderr.trim().replace(/^error: /, ''));
        return commandLine.exitCode;
      // Each command loads only what it uses: start-up time is time before Codex opens.
      case 'launch':
        return await (await import('./run-launch.js')).runLaunch(commandLine, context);
      case 'serve':
        return await (await import('./run-serve.js')).runServe(commandLine, context);
      case 'doctor':
        return await (await import('./run-doctor.js')).runDoctor(commandLine, context);
      case 'log-validate':
        return await (await import('./run-log-commands.js')).runLogValidate(commandLine, context);
      case 'log-list':
        return await (await import('./run-log-commands.js')).runLogList(commandLine, context);
      case 'version':
        return await (await import('./run-version.js')).runVersion(commandLine, context);
      case 'trust':
        return await (await import('./run-trust.js')).runTrust(commandLine, context);
      default: {
        const unhandled: never = commandLine;
        throw new Error(`unhandled command ${JSON.stringify(unhandled)}`);
      }
    }
  } catch (error) {
    if (UserFacingError.isInstance(error)) {
      output.error(error.message);
      return error.exitCode;
    }
    // A bug, not a user mistake: the stack only on request, to keep the usual output to one line.
    const detail = error instanceof Error ? (argv.includes('--verbose') ? (error.stack ?? error.message) : error.message) : String(error);
    output.error(`unexpected error: ${detail}`);
    return 1;
  }
}

import type { TerminalOutput } from './terminal-output.js';

/** What a command needs from the outside world; injected so tests run main() in-process. */
export interface CliRuntime {
  env: Record<string, string | undefined>;
  cwd: string;
  output: TerminalOutput;
}

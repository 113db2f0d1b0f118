import { stat } from 'node:fs/promises';
import { relative, resolve } from 'node:path';
import { UserFacingError } from './config-error.js';
import { formatProblems, formatSessionList, listSessions, validateNotes } from '../notes/index.js';
import type { CliRuntime } from './cli-runtime.js';
import type { FlagValues } from './config-layers.js';
import { loadCommandConfig } from './load-command-config.js';

/** `codex-ctx log validate [dir]`: exit 1 when any note has a problem, so CI can gate on it. */
export async function runLogValidate(
  commandLine: { flags: FlagValues; dir?: string | undefined; json: boolean },
  runtime: CliRuntime,
): Promise<number> {
  const dir = commandLine.dir ? resolve(runtime.cwd, commandLine.dir) : await configuredLogDir(commandLine.flags, runtime);
  if (!(await isDirectory(dir))) {
    // No session has run here yet: nothing to check is not a problem, unless the user named the folder.
    const where = relative(runtime.cwd, dir) || dir;
    if (commandLine.dir) throw new UserFacingError(`${where} is not a folder`);
    runtime.output.data(commandLine.json ? '[]' : `No notes yet in ${where} (codex-ctx writes them there during a session).`);
    return 0;
  }
  const problems = await validateNotes(dir);
  runtime.output.data(commandLine.json ? JSON.stringify(problems, null, 2) : formatProblems(problems, { relativeTo: runtime.cwd }));
  return problems.length > 0 ? 1 : 0;
}

/** `codex-ctx log list`: recorded sessions, newest first. */
export async function runLogList(commandLine: { flags: FlagValues; json: boolean }, runtime: CliRuntime): Promise<number> {
  const sessions = await listSessions(await configuredLogDir(commandLine.flags, runtime));
  runtime.output.data(commandLine.json ? JSON.stringify(sessions, null, 2) : formatSessionList(sessions, { relativeTo: runtime.cwd }));
  return 0;
}

async function configuredLogDir(flags: FlagValues, runtime: CliRuntime): Promise<string> {
  return (await loadCommandConfig(flags, runtime)).logDir;
}

async function isDirectory(path: string): Promise<boolean> {
  return (await stat(path).catch(() => undefined))?.isDirectory() ?? false;
}

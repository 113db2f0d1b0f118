import { Command, CommanderError, Option } from 'commander';
import type { FlagValues } from './config-layers.js';

/**
 * `codex-ctx [own options] [codex args…]`. Our options come first; the first argument that is not ours
 * (a prompt, a Codex subcommand such as `exec`, an option such as `-s`) and everything after it goes to
 * Codex untouched. `serve`, `doctor` and `log` are ours only when they come first; `--` ends our options
 * so `codex-ctx -- doctor` runs Codex's own doctor.
 */
export type CommandLine =
  | { kind: 'launch'; flags: FlagValues; codexArgs: string[]; dryRun: boolean; json: boolean }
  /** `apiKey`: `--api-key`; `auth: false`: `--no-auth`. */
  | { kind: 'serve'; flags: FlagValues; apiKey?: string | undefined; auth: boolean }
  | { kind: 'doctor'; flags: FlagValues; json: boolean }
  | { kind: 'log-validate'; flags: FlagValues; dir?: string | undefined; json: boolean }
  | { kind: 'log-list'; flags: FlagValues; json: boolean }
  | { kind: 'version'; flags: FlagValues }
  | { kind: 'trust'; action: 'trust' | 'untrust' | 'show' }
  /** Help, or a usage error commander already worded. */
  | { kind: 'exit'; exitCode: number; stdout: string; stderr: string };

// Commander drops a `--` it reaches while parsing our options, and would then dispatch `-- doctor` to our
// doctor. A placeholder it does not recognise survives as the first Codex argument instead.
const END_OF_OWN_OPTIONS = '\u0000codex-ctx:--';

type SettingOption = () => Option;

const SETTING_OPTIONS: Record<string, SettingOption> = {
  model: () => new Option('-m, --model <model>', 'Ollama model (default: config, $CODEX_CTX_MODEL, else the first model Ollama lists)'),
  embedModel: () =>
    new Option('--embed-model <model>', 'embedding model on your backend for semantic retrieval, e.g. nomic-embed-text (default: off)'),
  ollamaUrl: () => new Option('--ollama-url <url>', 'Ollama server (default: $OLLAMA_HOST or http://127.0.0.1:11434)'),
  'bridge.url': () => new Option('--bridge-url <url>', 'SmartGPT Bridge for semantic/grep/symbol retrieval (default: $SMARTGPT_BRIDGE_URL)'),
  'bridge.dialect': () => new Option('--bridge-dialect <dialect>', "the bridge's routes: root, v0 or v1 (default: root)"),
  contextBudget: () => new Option('--context-budget <tokens>', 'tokens of repository context per request (default: derived from the window)'),
  context: () => new Option('--no-context', 'do not add repository context'),
  toolRescue: () => new Option('--no-tool-rescue', 'pass tool calls the model writes as text to Codex unchanged'),
  logDir: () => new Option('--log-dir <dir>', 'Obsidian session notes (default: docs/codex-ctx at the repo root)'),
  log: () => new Option('--no-log', 'do not write session notes'),
  codexBin: () => new Option('--codex-bin <path>', 'Codex executable (default: $CODEX_BIN, codex on PATH, then the bundled @openai/codex)'),
  port: () => new Option('--port <port>', 'proxy port on 127.0.0.1 (default: a free port)'),
  numCtx: () => new Option('--num-ctx <tokens>', "context window to run the model with (default: the model's own, capped at 32768)"),
  backendTimeout: () =>
    new Option('--backend-timeout <seconds>', 'how long the model server may stay silent, before its first byte or between chunks (default: 300)'),
  codexPrompt: () => new Option('--codex-prompt', "use Codex's built-in system prompt instead of codex-ctx's shorter one"),
  verbose: () => new Option('--verbose', 'say more before Codex starts; log debug lines to the proxy log'),
};

// Commander's attribute names for the settings whose key differs.
const ATTRIBUTE_TO_KEY: Record<string, string> = { bridgeUrl: 'bridge.url', bridgeDialect: 'bridge.dialect' };

const LAUNCH_SETTINGS = Object.keys(SETTING_OPTIONS);
const SERVE_SETTINGS = LAUNCH_SETTINGS.filter((key) => key !== 'codexBin' && key !== 'codexPrompt');
const DOCTOR_SETTINGS = ['model', 'embedModel', 'ollamaUrl', 'bridge.url', 'bridge.dialect', 'codexBin', 'numCtx', 'verbose'];
const LOG_SETTINGS = ['logDir'];

const PASS_THROUGH_HELP = `
Everything after codex-ctx's own options goes to Codex unchanged, so use it exactly like \`codex\`:
  codex-ctx                          interactive Codex on your local model
  codex-ctx "explain src/auth.ts"    start with a prompt
  codex-ctx exec "fix the test"      Codex subcommands and their options work as usual
  codex-ctx -m qwen3:8b resume --last
Put codex-ctx options first. \`--\` ends them: \`codex-ctx -- doctor\` runs Codex's own doctor.
Settings also come from the environment (CODEX_CTX_MODEL, OLLAMA_HOST, SMARTGPT_BRIDGE_URL, SMARTGPT_BRIDGE_TOKEN, CODEX_BIN, …),
.codex-ctx.json at the repo root and $XDG_CONFIG_HOME/codex-ctx/config.json; flags win. A repository's
.codex-ctx.json may not set programs, URLs or outside paths until you run \`codex-ctx trust\` there.
`;

export async function parseCommandLine(argv: readonly string[]): Promise<CommandLine> {
  let parsed: CommandLine | undefined;
  let stdout = '';
  let stderr = '';

  const program = new Command('codex-ctx')
    .description('Run the Codex CLI on a local Ollama model, with repository context added to every request.')
    .usage('[options] [codex arguments...]')
    .exitOverride()
    .configureOutput({
      writeOut: (text) => (stdout += text),
      writeErr: (text) => (stderr += text),
      outputError: (text, write) => write(text),
    })
    .enablePositionalOptions()
    .passThroughOptions()
    .allowUnknownOption()
    .allowExcessArguments()
    .helpCommand(false)
    // Our own -h: commander's built-in one would also catch a --help meant for Codex (`codex-ctx -s x --help`).
    .helpOption(false)
    .argument('[codex-args...]', 'passed to Codex unchanged')
    .addHelpText('after', PASS_THROUGH_HELP);
  addSettings(program, LAUNCH_SETTINGS);
  program
    .option('--dry-run', 'print the context codex-ctx would add for the prompt, then exit (no Codex, no files)')
    .option('--json', 'machine-readable output for --dry-run, doctor and log list')
    .option('-h, --help', 'show this help')
    // Ours, not commander's .version(): that one would also catch a --version meant for Codex.
    .option('-V, --version', "show codex-ctx's version and the Codex it runs");

  program.action((codexArgs: string[]) => {
    const options = program.opts();
    if (options.help) {
      program.outputHelp();
      parsed = { kind: 'exit', exitCode: 0, stdout, stderr: '' };
      return;
    }
    if (options.version) {
      parsed = { kind: 'version', flags: collectFlags(program) };
      return;
    }
    const args = codexArgs[0] === END_OF_OWN_OPTIONS ? codexArgs.slice(1) : codexArgs;
    parsed = {
      kind: 'launch',
      flags: collectFlags(program),
      codexArgs: args.map(restoreSeparator),
      dryRun: Boolean(options.dryRun),
      json: Boolean(options.json),
    };
  });

  const serve = subcommand(program, 'serve', 'run only the proxy: print its base URL, serve until Ctrl+C');
  addSettings(serve, SERVE_SETTINGS);
  // Not settings: a key belongs in no config file, and --no-auth is a choice made per run.
  serve.option('--api-key <key>', 'the key clients must send (default: $CODEX_CTX_API_KEY, else a new one, printed)');
  serve.option('--no-auth', 'accept requests without a key (anyone on this machine can then use the proxy)');
  serve.action(() => {
    const { apiKey, auth } = serve.opts<{ apiKey?: string; auth: boolean }>();
    parsed = { kind: 'serve', flags: { ...collectFlags(program), ...collectFlags(serve) }, auth, ...(apiKey === undefined ? {} : { apiKey }) };
  });

  const doctor = subcommand(program, 'doctor', 'check Codex, Ollama, the model, the bridge and ripgrep (Codex\'s own: codex-ctx -- doctor)');
  addSettings(doctor, DOCTOR_SETTINGS);
  doctor.option('--json', 'machine-readable output');
  doctor.action(() => {
    parsed = {
      kind: 'doctor',
      flags: { ...collectFlags(program), ...collectFlags(doctor) },
      json: Boolean(program.opts().json || doctor.opts().json),
    };
  });

  const log = subcommand(program, 'log', 'session notes: log validate [dir], log list');
  const validate = subcommand(log, 'validate', 'check the session notes for problems').argument('[dir]', 'notes directory (default: the log dir)');
  addSettings(validate, LOG_SETTINGS);
  validate.option('--json', 'machine-readable output');
  validate.action((dir: string | undefined) => {
    parsed = {
      kind: 'log-validate',
      flags: { ...collectFlags(program), ...collectFlags(validate) },
      dir: dir === undefined ? undefined : restoreSeparator(dir),
      json: Boolean(program.opts().json || validate.opts().json),
    };
  });
  const list = subcommand(log, 'list', 'list recorded sessions');
  addSettings(list, LOG_SETTINGS);
  list.option('--json', 'machine-readable output');
  list.action(() => {
    parsed = {
      kind: 'log-list',
      flags: { ...collectFlags(program), ...collectFlags(list) },
      json: Boolean(program.opts().json || list.opts().json),
    };
  });

  const trust = subcommand(program, 'trust', "let this repository's .codex-ctx.json set programs, URLs and paths (--show: its status)");
  trust.option('--show', 'say whether the file is trusted, without changing anything');
  trust.action(() => {
    parsed = { kind: 'trust', action: trust.opts().show ? 'show' : 'trust' };
  });
  subcommand(program, 'untrust', "stop trusting this repository's .codex-ctx.json").action(() => {
    parsed = { kind: 'trust', action: 'untrust' };
  });

  const separator = argv.indexOf('--');
  const input = separator === -1 ? [...argv] : argv.map((arg, index) => (index === separator ? END_OF_OWN_OPTIONS : arg));
  try {
    await program.parseAsync(input, { from: 'user' });
  } catch (error) {
    if (!(error instanceof CommanderError)) throw error;
    // A subcommand's --help: the help is in stdout already; commander's "(outputHelp)" is not a message.
    if (error.code === 'commander.helpDisplayed') return { kind: 'exit', exitCode: 0, stdout, stderr: '' };
    return { kind: 'exit', exitCode: error.exitCode, stdout, stderr: stderr || `${error.message}\n` };
  }
  return parsed ?? { kind: 'exit', exitCode: 1, stdout, stderr: stderr || program.helpInformation() };
}

function subcommand(parent: Command, name: string, description: string): Command {
  return parent
    .command(name)
    .description(description)
    .helpOption('-h, --help', 'show help for this command')
    .helpCommand(false);
}

function addSettings(command: Command, keys: string[]): void {
  for (const key of keys) {
    const create = SETTING_OPTIONS[key];
    if (create) command.addOption(create());
  }
}

/** Only values typed on this command line: defaults and absent flags must not shadow env or files. */
function collectFlags(command: Command): FlagValues {
  const flags: FlagValues = {};
  for (const [attribute, value] of Object.entries(command.opts())) {
    if (command.getOptionValueSource(attribute) !== 'cli') continue;
    const key = ATTRIBUTE_TO_KEY[attribute] ?? attribute;
    if (!(key in SETTING_OPTIONS)) continue;
    flags[key] = typeof value === 'string' ? restoreSeparator(value) : (value as boolean);
  }
  return flags;
}

function restoreSeparator(value: string): string {
  return value === END_OF_OWN_OPTIONS ? '--' : value;
}

/**
 * Reads the arguments meant for Codex without changing their meaning: which Codex subcommand runs,
 * whether it talks to a model at all, and which of them would fight codex-ctx (a model choice we must
 * adopt, a provider choice we must drop). Codex's option table, from `codex --help` (0.169, plus the two value options 0.171 added).
 */

/** Codex subcommands that never call a model: run Codex directly, no proxy, no preflight. */
const DIRECT_SUBCOMMANDS = new Set([
  'login',
  'logout',
  'mcp',
  'plugin',
  'completion',
  'update',
  'doctor',
  'sandbox',
  'debug',
  'apply',
  'a',
  'queue',
  'archive',
  'delete',
  'unarchive',
  'migrate-rollouts',
  'migrate-nfs-db',
  'cloud',
  'exec-server',
  'remote-control',
  'features',
  'help',
]);

/** Subcommands that run the agent (and so need the proxy). */
const MODEL_SUBCOMMANDS = new Set(['exec', 'e', 'review', 'resume', 'fork', 'agents', 'app-server']);

// Codex options that take a value in the next argument; everything else is a flag.
const VALUE_OPTIONS = new Set([
  '-c',
  '--config',
  '--enable',
  '--disable',
  '--remote',
  '--remote-auth-token-env',
  '-i',
  '--image',
  '-m',
  '--model',
  '--local-provider',
  '-p',
  '--profile',
  '-s',
  '--sandbox',
  '-C',
  '--cd',
  '--add-dir',
  '-a',
  '--ask-for-approval',
  '-o',
  '--output-last-message',
  '--output-schema',
  '--color',
  // new in 0.171
  '--cyber-access-program',
  '--thread-source',
]);

export interface CodexArgsInfo {
  /** The Codex subcommand, when the first positional names one. */
  subcommand?: string | undefined;
  /** False for `login`, `--help`, `--version`…: nothing there reaches a model. */
  needsModel: boolean;
  /** The model the user chose in Codex's own syntax (`-m`, `--model`, `-c model=…`); Codex would honour it. */
  model?: string | undefined;
  /** `-C/--cd <dir>`: Codex's working root, so also the repository we index. */
  workdir?: string | undefined;
  /** Arguments to pass on: as given, minus provider overrides. */
  args: string[];
  /** The provider overrides that were dropped (for the warning). */
  droppedProviderArgs: string[];
  /** Positional arguments after the subcommand (the prompt is usually the last). */
  positionals: string[];
}

export function inspectCodexArgs(args: readonly string[]): CodexArgsInfo {
  const kept: string[] = [];
  const dropped: string[] = [];
  let subcommand: string | undefined;
  let sawPositional = false;
  let needsModel = true;
  let model: string | undefined;
  let workdir: string | undefined;
  const positionals: string[] = [];

  for (let index = 0; index < args.length; index++) {
    const arg = args[index] as string;
    if (arg === '--') {
      kept.push(...args.slice(index));
      positionals.push(...args.slice(index + 1));
      break;
    }
    if (!arg.startsWith('-') || arg === '-') {
      if (!sawPositional) {
        sawPositional = true;
        if (DIRECT_SUBCOMMANDS.has(arg)) {
          subcommand = arg;
          needsModel = false;
        } else if (MODEL_SUBCOMMANDS.has(arg)) {
          subcommand = arg;
        } else {
          positionals.push(arg);
        }
      } else {
        positionals.push(arg);
      }
      kept.push(arg);
      continue;
    }

    const { name, inlineValue } = splitOption(arg);
    const takesValue = VALUE_OPTIONS.has(name) && inlineValue === undefined;
    const value = takesValue ? args[index + 1] : inlineValue;
    const tokens = takesValue && value !== undefined ? [arg, value] : [arg];

    if (name === '-h' || name === '--help' || name === '-V' || name === '--version') needsModel = false;
    if (name === '-m' || name === '--model') model = value ?? model;
    if (name === '-C' || name === '--cd') workdir = value ?? workdir;

    const override = name === '-c' || name === '--config' ? parseConfigOverride(value) : undefined;
    if (override?.key === 'model') model = override.value;
    const isProviderChoice =
      override?.key === 'model_provider' || name === '--oss' || name === '--local-provider';
    if (isProviderChoice) dropped.push(tokens.join(' '));
    else kept.push(...tokens);
    if (takesValue) index++;
  }

  return { subcommand, needsModel, model, workdir, args: kept, droppedProviderArgs: dropped, positionals };
}

/** `-mqwen3`, `--model=qwen3`, `-c=k=v` → name + inline value; `-m` → name only. */
function splitOption(arg: string): { name: string; inlineValue?: string | undefined } {
  if (arg.startsWith('--')) {
    const equals = arg.indexOf('=');
    return equals === -1 ? { name: arg } : { name: arg.slice(0, equals), inlineValue: arg.slice(equals + 1) };
  }
  const name = arg.slice(0, 2);
  if (arg.length === 2) return { name };
  const rest = arg.slice(2);
  return VALUE_OPTIONS.has(name) ? { name, inlineValue: rest.startsWith('=') ? rest.slice(1) : rest } : { name: arg };
}

/** Codex parses `key=value` with the value as TOML, falling back to the raw text. */
function parseConfigOverride(text: string | undefined): { key: string; value: string } | undefined {
  if (text === undefined) return undefined;
  const equals = text.indexOf('=');
  if (equals === -1) return undefined;
  const key = text.slice(0, equals).trim();
  const raw = text.slice(equals + 1).trim();
  const quoted = /^"(.*)"$/s.exec(raw) ?? /^'(.*)'$/s.exec(raw);
  return { key, value: quoted?.[1] ?? raw };
}

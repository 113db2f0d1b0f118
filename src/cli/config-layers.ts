import type { z } from 'zod';
import { configLayerSchema, EXPECTED, KNOWN_KEYS, type ConfigLayer } from './config-schema.js';
import { UserFacingError } from './config-error.js';

/**
 * Every setting with its flag and environment spellings. Flags and variables arrive as strings; they
 * are converted here (integers, booleans) and then validated by the same schema as the files.
 */
type ValueKind = 'string' | 'integer' | 'boolean';

export interface SettingSpec {
  /** Config-file path, dotted for nested keys. */
  key: string;
  flag: string;
  /** In order of preference. */
  env: string[];
  kind: ValueKind;
}

export const SETTINGS: SettingSpec[] = [
  { key: 'model', flag: '--model', env: ['CODEX_CTX_MODEL'], kind: 'string' },
  { key: 'embedModel', flag: '--embed-model', env: ['CODEX_CTX_EMBED_MODEL'], kind: 'string' },
  { key: 'ollamaUrl', flag: '--ollama-url', env: ['CODEX_CTX_OLLAMA_URL', 'OLLAMA_HOST'], kind: 'string' },
  { key: 'bridge.url', flag: '--bridge-url', env: ['SMARTGPT_BRIDGE_URL'], kind: 'string' },
  { key: 'bridge.dialect', flag: '--bridge-dialect', env: ['SMARTGPT_BRIDGE_DIALECT'], kind: 'string' },
  // No flag on purpose: a token on the command line lands in shell history and `ps`.
  { key: 'bridge.token', flag: '', env: ['SMARTGPT_BRIDGE_TOKEN', 'SMARTGPT_TOKEN'], kind: 'string' },
  { key: 'contextBudget', flag: '--context-budget', env: ['CODEX_CTX_CONTEXT_BUDGET'], kind: 'integer' },
  { key: 'context', flag: '--no-context', env: ['CODEX_CTX_CONTEXT'], kind: 'boolean' },
  { key: 'toolRescue', flag: '--no-tool-rescue', env: ['CODEX_CTX_TOOL_RESCUE'], kind: 'boolean' },
  { key: 'logDir', flag: '--log-dir', env: ['CODEX_CTX_LOG_DIR'], kind: 'string' },
  { key: 'log', flag: '--no-log', env: ['CODEX_CTX_LOG'], kind: 'boolean' },
  { key: 'codexBin', flag: '--codex-bin', env: ['CODEX_BIN'], kind: 'string' },
  { key: 'port', flag: '--port', env: ['CODEX_CTX_PORT'], kind: 'integer' },
  { key: 'numCtx', flag: '--num-ctx', env: ['CODEX_CTX_NUM_CTX'], kind: 'integer' },
  { key: 'backendTimeout', flag: '--backend-timeout', env: ['CODEX_CTX_BACKEND_TIMEOUT'], kind: 'integer' },
  { key: 'codexPrompt', flag: '--codex-prompt', env: ['CODEX_CTX_CODEX_PROMPT'], kind: 'boolean' },
  { key: 'verbose', flag: '--verbose', env: ['CODEX_CTX_VERBOSE'], kind: 'boolean' },
];

/** Flag values keyed by setting key, as commander gave them. */
export type FlagValues = Partial<Record<string, string | boolean>>;

export type Environment = Record<string, string | undefined>;

export interface LayerWithLabels {
  layer: ConfigLayer;
  /** Where each key came from, for messages ("--model", "CODEX_CTX_MODEL", "/repo/.codex-ctx.json"). */
  sources: Record<string, string>;
}

export function layerFromFlags(flags: FlagValues): LayerWithLabels {
  const raw: Record<string, unknown> = {};
  const labels: Record<string, string> = {};
  const sources: Record<string, string> = {};
  for (const spec of SETTINGS) {
    const value = flags[spec.key];
    if (value === undefined || !spec.flag) continue;
    setPath(raw, spec.key, convert(value, spec.kind));
    labels[spec.key] = spec.flag;
    sources[spec.key] = spec.flag;
  }
  return { layer: validateLayer(raw, (key) => labels[key] ?? `--${key}`), sources };
}

export function layerFromEnv(env: Environment): LayerWithLabels {
  const raw: Record<string, unknown> = {};
  const labels: Record<string, string> = {};
  for (const spec of SETTINGS) {
    const name = spec.env.find((candidate) => env[candidate]?.trim());
    if (!name) continue;
    setPath(raw, spec.key, convert(env[name] as string, spec.kind));
    labels[spec.key] = name;
  }
  return { layer: validateLayer(raw, (key) => labels[key] ?? key), sources: labels };
}

/** Validates a parsed config file; `file` names it in every message. */
export function layerFromFile(raw: unknown, file: string): LayerWithLabels {
  const layer = validateLayer(raw, (key) => (key ? `${file}: ${key}` : file));
  const sources: Record<string, string> = {};
  for (const spec of SETTINGS) if (getPath(layer, spec.key) !== undefined) sources[spec.key] = file;
  return { layer, sources };
}

function validateLayer(raw: unknown, label: (key: string) => string): ConfigLayer {
  const result = configLayerSchema.safeParse(raw);
  if (result.success) return result.data;
  const issue = result.error.issues[0] as z.core.$ZodIssue;
  const key = issue.path.join('.');
  if (issue.code === 'unrecognized_keys') {
    const unknown = issue.keys[0] ?? '';
    const known = key === 'bridge' ? ['url', 'dialect', 'token'] : KNOWN_KEYS;
    throw new UserFacingError(
      `${label(key)}: unknown key "${key ? `${key}.` : ''}${unknown}" (expected one of: ${known.join(', ')})`,
    );
  }
  const got = key ? getPath(raw, key) : raw;
  // zod's own wording for a wrong discriminator ("Invalid discriminator value…") reads as a bug.
  const expected = EXPECTED[key] ?? (/^backends\.[^.]+\.type$/.test(key) ? 'a backend type, "ollama" or "openai"' : issue.message);
  throw new UserFacingError(`${label(key)}: expected ${expected} (got ${describe(got)})`);
}

function convert(value: string | boolean, kind: ValueKind): unknown {
  if (typeof value === 'boolean' || kind === 'string') return value;
  const text = value.trim();
  if (kind === 'integer') return /^\d+$/.test(text) ? Number(text) : value;
  if (/^(1|true|yes|on)$/i.test(text)) return true;
  if (/^(0|false|no|off)$/i.test(text)) return false;
  return value;
}

function describe(value: unknown): string {
  if (value === undefined) return 'nothing';
  const text = JSON.stringify(value) ?? String(value);
  return text.length > 60 ? `${text.slice(0, 57)}...` : text;
}

function setPath(target: Record<string, unknown>, path: string, value: unknown): void {
  const [head, ...rest] = path.split('.') as [string, ...string[]];
  if (rest.length === 0) {
    target[head] = value;
    return;
  }
  const child = (target[head] ??= {}) as Record<string, unknown>;
  setPath(child, rest.join('.'), value);
}

export function getPath(source: unknown, path: string): unknown {
  let current = source;
  for (const part of path.split('.')) {
    if (current === null || typeof current !== 'object') return undefined;
    current = (current as Record<string, unknown>)[part];
  }
  return current;
}

import { DEFAULT_BACKEND_TIMEOUT_SECONDS } from '../backends/backend-deadline.js';
import { tomlString } from './toml-string.js';

/**
 * The arguments and environment that point Codex at the proxy for one session, without touching the
 * user's ~/.codex: everything is a `-c` override placed before the user's own arguments (Codex lets a
 * later `-c` win, so the user can still override anything but the provider, which we strip upstream).
 */
export const PROVIDER_ID = 'codex-ctx';
export const API_KEY_ENV = 'CODEX_CTX_API_KEY';

/**
 * Codex's own retries exist for flaky networks; ours is loopback, where a failure means the proxy is
 * gone or gave a real error. Its defaults (4 request × 5 stream retries: 30 attempts over ~24 s on a 500,
 * spec §5) only delay the message, so one of each is left for a single glitch. The idle limit sits above
 * the proxy's own backend deadline, whose message says what timed out; heartbeats keep a slow model load
 * alive meanwhile. (A proxy that is gone entirely, connection refused, makes Codex loop "waiting for
 * network" whatever these say: probed with 0 retries, still looping at 60 s.)
 */
export const CODEX_PROVIDER_RETRIES = { requestMaxRetries: 1, streamMaxRetries: 1 } as const;

/** Codex's idle limit: our backend deadline plus a margin, so the proxy's message arrives first. */
export function codexStreamIdleTimeoutMs(backendTimeoutSeconds: number = DEFAULT_BACKEND_TIMEOUT_SECONDS): number {
  return (backendTimeoutSeconds + 30) * 1000;
}

export interface CodexArgsOptions {
  /** `http://127.0.0.1:PORT/v1` */
  proxyBaseUrl: string;
  model: string;
  /** The window the backend really runs the model with; Codex compacts at ~90 % of it. */
  contextWindow: number;
  /** Our generated model catalog; absent with `--codex-prompt` (Codex then uses its built-in prompt). */
  catalogPath?: string | undefined;
  /** The user's Codex arguments, already inspected; appended untouched. */
  userArgs: readonly string[];
  /**
   * Run the TUI's app server embedded (`--no-daemon`). Our `-c` overrides already force that, and
   * Codex 0.171 then warns on every launch ("Running without the shared background server: command-line
   * configuration overrides … requires embedded mode"); asking for it explicitly says the same without
   * the warning. There is no override-free way to name the provider without editing ~/.codex.
   */
  embeddedAppServer?: boolean | undefined;
  /** `--backend-timeout` in seconds; Codex waits 30 s longer before calling the stream idle. */
  backendTimeout?: number | undefined;
}

export function buildCodexArgs(options: CodexArgsOptions): string[] {
  const provider = [
    `name=${tomlString(PROVIDER_ID)}`,
    `base_url=${tomlString(options.proxyBaseUrl)}`,
    `env_key=${tomlString(API_KEY_ENV)}`,
    `wire_api=${tomlString('responses')}`,
    `request_max_retries=${CODEX_PROVIDER_RETRIES.requestMaxRetries}`,
    `stream_max_retries=${CODEX_PROVIDER_RETRIES.streamMaxRetries}`,
    `stream_idle_timeout_ms=${codexStreamIdleTimeoutMs(options.backendTimeout)}`,
  ].join(',');
  const args = [
    '-c',
    `model_providers.${PROVIDER_ID}={${provider}}`,
    '-c',
    `model_provider=${tomlString(PROVIDER_ID)}`,
    '-m',
    options.model,
    '-c',
    `model_context_window=${Math.trunc(options.contextWindow)}`,
  ];
  if (options.catalogPath) args.push('-c', `model_catalog_json=${tomlString(options.catalogPath)}`);
  if (options.embeddedAppServer) args.push('--no-daemon');
  return [...args, ...options.userArgs];
}

/** Codex reads the key through `env_key`; other OpenAI SDK tools Codex runs find the proxy too. */
export function buildCodexEnv(options: { proxyBaseUrl: string; apiKey: string }): Record<string, string> {
  return {
    [API_KEY_ENV]: options.apiKey,
    OPENAI_BASE_URL: options.proxyBaseUrl,
    OPENAI_API_KEY: options.apiKey,
  };
}

import type { Backend, ModelDescription } from '../backends/backend.js';
import { ProxyError } from '../wire/openai-error.js';
import { UserFacingError } from './config-error.js';
import type { BridgeDialect } from './config-schema.js';
import type { CliConfig } from './load-config.js';
import { describeBridgeProblems, probeBridge } from './probe-bridge.js';
import type { Spinner } from './terminal-output.js';

/**
 * Everything that would otherwise fail inside Codex's TUI, where we may not print: Ollama reachable,
 * model present, window known. These stop the run with one line and its fix. Bridge problems only
 * warn, because the local retriever still provides context.
 */
export interface PreflightResult {
  model: string;
  /** True when no model was configured and we took the first one Ollama lists. */
  modelPicked: boolean;
  description: ModelDescription;
  contextWindow: number;
  /** The bridge dialect that really answers (may differ from the configured one). */
  bridgeDialect?: BridgeDialect | undefined;
  warnings: string[];
}

const OLLAMA_TIMEOUT_MS = 10_000;

export async function runPreflight(options: {
  config: CliConfig;
  backend: Backend;
  spinner: Spinner;
  fetch?: typeof fetch;
}): Promise<PreflightResult> {
  const { config, backend, spinner } = options;

  spinner.update(`Checking Ollama at ${config.ollamaUrl}`);
  let listed: string[];
  try {
    listed = (await backend.listModels(AbortSignal.timeout(OLLAMA_TIMEOUT_MS))).map((model) => model.id);
  } catch (error) {
    throw new UserFacingError(ollamaProblem(error, config));
  }

  const model = config.model ?? listed[0];
  if (!model) {
    throw new UserFacingError(
      `Ollama at ${config.ollamaUrl} has no models; pull one (for example: ollama pull qwen3:8b) or pass -m <model>`,
    );
  }

  spinner.update(`Checking model ${model}`);
  let description: ModelDescription;
  try {
    description = await backend.describeModel(model, AbortSignal.timeout(OLLAMA_TIMEOUT_MS));
  } catch (error) {
    if (error instanceof ProxyError && error.code === 'model_not_found') {
      throw new UserFacingError(`model ${model} is not in Ollama at ${config.ollamaUrl}; run: ollama pull ${model}`);
    }
    throw new UserFacingError(ollamaProblem(error, config));
  }
  if (!description.contextWindow) {
    throw new UserFacingError(`cannot tell the context window of ${model}; pass --num-ctx <tokens> (for example --num-ctx 16384)`);
  }

  const warnings: string[] = [];
  let bridgeDialect: PreflightResult['bridgeDialect'];
  if (config.bridge && config.context) {
    spinner.update(`Checking SmartGPT Bridge at ${config.bridge.url}`);
    const probe = await probeBridge(config.bridge, options.fetch ? { fetch: options.fetch } : {});
    warnings.push(...describeBridgeProblems(config.bridge, probe));
    bridgeDialect = probe.dialect;
  }

  return {
    model,
    modelPicked: config.model === undefined,
    description,
    contextWindow: description.contextWindow,
    bridgeDialect,
    warnings,
  };
}

function ollamaProblem(error: unknown, config: CliConfig): string {
  if (error instanceof Error && error.name === 'TimeoutError') {
    return `Ollama at ${config.ollamaUrl} did not answer within ${OLLAMA_TIMEOUT_MS / 1000} s; is it busy or on another host? (--ollama-url / OLLAMA_HOST)`;
  }
  // The backend's messages already say where it looked and how to start Ollama.
  return error instanceof Error ? error.message : String(error);
}

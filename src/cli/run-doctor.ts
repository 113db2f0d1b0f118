import { execa } from 'execa';
import kleur from 'kleur';
import type { ModelDescription } from '../backends/backend.js';
import { ProxyError } from '../wire/openai-error.js';
import type { CliRuntime } from './cli-runtime.js';
import type { FlagValues } from './config-layers.js';
import { loadCommandConfig } from './load-command-config.js';
import type { CliConfig } from './load-config.js';
import { probeBridge } from './probe-bridge.js';
import { resolveCodexBin } from './resolve-codex-bin.js';
import { createSessionBackend } from './create-session-backend.js';
import { pinnedCodexVersion } from './package-versions.js';
import { readCodexVersion } from './read-codex-version.js';
import { describeWindowShortfall, formatTokens, launchInstructions, measurePromptFloor } from './codex-prompt-floor.js';
import { resolveModelTag } from './resolve-model-tag.js';
import { describeUnfitModel } from './describe-unfit-model.js';
import { resolveBudgetTokens } from '../context/engine-config.js';

/**
 * `codex-ctx doctor`: one line per prerequisite, ✓ or ✗ with the fix. Exit 1 when any check fails, so
 * scripts can gate on it; a red ✗ blocks `codex-ctx` from running, a yellow one (bridge, ripgrep) only
 * weakens retrieval.
 */
export interface DoctorCheck {
  name: string;
  status: 'ok' | 'fail' | 'skip';
  detail: string;
  fix?: string | undefined;
  /** A failure here stops codex-ctx from running. */
  blocking: boolean;
}


export async function runDoctor(commandLine: { flags: FlagValues; json: boolean }, runtime: CliRuntime): Promise<number> {
  const config = await loadCommandConfig(commandLine.flags, runtime);
  const checks = [
    await checkCodex(config, runtime),
    ...(await checkOllama(config)),
    await checkEmbedModel(config),
    ...(await checkBridge(config)),
    await checkRipgrep(runtime),
  ];
  if (commandLine.json) runtime.output.data(JSON.stringify(checks, null, 2));
  else for (const check of checks) runtime.output.data(formatCheck(check, runtime.output.paintData));
  return checks.some((check) => check.status === 'fail') ? 1 : 0;
}

export function formatCheck(
  check: DoctorCheck,
  paint: (style: (text: string) => string, text: string) => string = (_style, text) => text,
): string {
  const mark = { ok: '✓', fail: '✗', skip: '–' }[check.status];
  const style = { ok: kleur.green, fail: check.blocking ? kleur.red : kleur.yellow, skip: kleur.dim }[check.status];
  return `${paint(style, mark)} ${check.name}: ${check.detail}${check.fix ? ` — ${check.fix}` : ''}`;
}

async function checkCodex(config: CliConfig, runtime: CliRuntime): Promise<DoctorCheck> {
  const name = 'Codex';
  const codex = await resolveCodexBin({ configured: config.codexBin, env: runtime.env });
  const fix = 'install it (npm install -g @openai/codex) or pass --codex-bin <path>';
  if (!codex) return { name, status: 'fail', blocking: true, detail: 'not found', fix };
  const read = await readCodexVersion(codex, runtime.env);
  if ('error' in read) {
    return { name, status: 'fail', blocking: true, detail: `${codex.display} does not run (${read.error})`, fix };
  }
  const version = read.version;
  const pinned = pinnedCodexVersion();
  const tested = version.includes(pinned) ? '' : ` (codex-ctx is tested with ${pinned})`;
  return { name, status: 'ok', blocking: true, detail: `${version} at ${codex.display}${tested}` };
}

async function checkOllama(config: CliConfig): Promise<DoctorCheck[]> {
  const backend = createSessionBackend(config);
  let models: string[];
  try {
    models = (await backend.listModels(AbortSignal.timeout(5_000))).map((model) => model.id);
  } catch (error) {
    return [
      { name: 'Ollama', status: 'fail', blocking: true, detail: errorText(error) },
      { name: 'Model', status: 'skip', blocking: true, detail: 'Ollama not reachable' },
      { name: 'Context window', status: 'skip', blocking: true, detail: 'Ollama not reachable' },
    ];
  }
  const checks: DoctorCheck[] = [
    { name: 'Ollama', status: 'ok', blocking: true, detail: `${config.ollamaUrl} (${models.length} model${models.length === 1 ? '' : 's'})` },
  ];
  const tag = config.model === undefined ? undefined : resolveModelTag(config.model, models);
  if (tag?.kind === 'ambiguous') {
    checks.push(
      { name: 'Model', status: 'fail', blocking: true, detail: `${tag.model} has several tags (${tag.candidates.join(', ')})`, fix: `pass one, for example -m ${tag.candidates[0]}` },
      { name: 'Context window', status: 'skip', blocking: true, detail: 'no model' },
    );
    return checks;
  }
  const model = tag ? tag.model : models[0];
  if (!model) {
    checks.push(
      { name: 'Model', status: 'fail', blocking: true, detail: 'Ollama has no models', fix: 'ollama pull qwen3:8b, or pass -m <model>' },
      { name: 'Context window', status: 'skip', blocking: true, detail: 'no model' },
    );
    return checks;
  }
  let description: ModelDescription;
  try {
    description = await backend.describeModel(model, AbortSignal.timeout(5_000));
  } catch (error) {
    const missing = error instanceof ProxyError && error.code === 'model_not_found';
    checks.push(
      missing
        ? { name: 'Model', status: 'fail', blocking: true, detail: `${model} is not pulled`, fix: `run: ollama pull ${model}` }
        : { name: 'Model', status: 'fail', blocking: true, detail: errorText(error) },
      { name: 'Context window', status: 'skip', blocking: true, detail: 'model unavailable' },
    );
    return checks;
  }
  const picked = !config.model
    ? 'the first model Ollama lists; pass -m to choose'
    : tag?.kind === 'resolved'
      ? `from ${config.modelSource}: the one installed tag of ${tag.from}`
      : `from ${config.modelSource}`;
  const unfit = describeUnfitModel(model, description.capabilities);
  checks.push(
    unfit
      ? { name: 'Model', status: 'fail', blocking: true, detail: unfit.problem, fix: unfit.fix }
      : { name: 'Model', status: 'ok', blocking: true, detail: `${model} (${picked})` },
  );
  checks.push(await checkWindow(config, model, description));
  return checks;
}

async function checkWindow(config: CliConfig, model: string, description: ModelDescription): Promise<DoctorCheck> {
  const name = 'Context window';
  const window = description.contextWindow;
  if (!window) return { name, status: 'fail', blocking: true, detail: 'unknown', fix: 'pass --num-ctx <tokens>' };
  const floor = await measurePromptFloor({
    instructions: launchInstructions(config.codexPrompt),
    contextBudget: config.context ? resolveBudgetTokens(config.contextBudget, window) : 0,
    window,
    exact: true,
  });
  const shortfall = describeWindowShortfall({ model, window, maxWindow: description.maxContextWindow, floor });
  if (shortfall) return { name, status: 'fail', blocking: true, detail: shortfall.problem, fix: shortfall.fix };
  const maximum = description.maxContextWindow ? `, model maximum ${formatTokens(description.maxContextWindow)}` : '';
  return {
    name,
    status: 'ok',
    blocking: true,
    detail: `${formatTokens(window)} tokens${maximum}; Codex needs ${formatTokens(floor.total)} before the first word`,
  };
}

/** Semantic retrieval is opt-in: not set is fine (with how to turn it on); set must name a model that embeds. */
async function checkEmbedModel(config: CliConfig): Promise<DoctorCheck> {
  const name = 'Embedding model';
  const model = config.embedModel;
  if (!model) {
    return { name, status: 'skip', blocking: false, detail: 'not set (semantic retrieval off)', fix: 'ollama pull nomic-embed-text, then set --embed-model or CODEX_CTX_EMBED_MODEL to use it' };
  }
  const backend = createSessionBackend(config);
  try {
    const description = await backend.describeModel(model, AbortSignal.timeout(5_000));
    const { capabilities } = description;
    if (capabilities.length > 0 && !capabilities.includes('embedding')) {
      return { name, status: 'fail', blocking: false, detail: `${model} is not an embedding model (it can: ${capabilities.join(', ')})`, fix: 'choose one such as nomic-embed-text' };
    }
    return { name, status: 'ok', blocking: false, detail: model };
  } catch (error) {
    if (error instanceof ProxyError && error.code === 'model_not_found') {
      return { name, status: 'fail', blocking: false, detail: `${model} is not pulled`, fix: `run: ollama pull ${model} (semantic retrieval is off until then)` };
    }
    return { name, status: 'fail', blocking: false, detail: errorText(error) };
  }
}

async function checkBridge(config: CliConfig): Promise<DoctorCheck[]> {
  const bridge = config.bridge;
  if (!bridge) {
    return [{ name: 'SmartGPT Bridge', status: 'skip', blocking: false, detail: 'not configured (local retrieval only)', fix: 'set --bridge-url or SMARTGPT_BRIDGE_URL to use it' }];
  }
  const probe = await probeBridge(bridge);
  if (!probe.reachable) {
    return [
      { name: 'SmartGPT Bridge', status: 'fail', blocking: false, detail: `${bridge.url} not reachable (${probe.error})`, fix: 'start the bridge or fix --bridge-url' },
      { name: 'Bridge dialect', status: 'skip', blocking: false, detail: 'bridge not reachable' },
      { name: 'Bridge token', status: 'skip', blocking: false, detail: 'bridge not reachable' },
    ];
  }
  const dialect: DoctorCheck = !probe.dialect
    ? { name: 'Bridge dialect', status: 'fail', blocking: false, detail: 'none of root, v0, v1 answers', fix: 'check that the URL points at the bridge' }
    : probe.dialect === bridge.dialect
      ? { name: 'Bridge dialect', status: 'ok', blocking: false, detail: probe.dialect }
      : { name: 'Bridge dialect', status: 'fail', blocking: false, detail: `${probe.dialect} answers, ${bridge.dialect} is configured`, fix: `pass --bridge-dialect ${probe.dialect}` };
  const token: DoctorCheck =
    probe.auth === 'accepted'
      ? { name: 'Bridge token', status: 'ok', blocking: false, detail: bridge.token ? 'accepted' : 'none needed' }
      : probe.auth === 'rejected'
        ? {
            name: 'Bridge token',
            status: 'fail',
            blocking: false,
            detail: bridge.token ? 'rejected' : 'required',
            fix: bridge.token
              ? "the token codex-ctx sends is not the one the bridge expects: compare SMARTGPT_BRIDGE_TOKEN (or bridge.token) with the bridge's own"
              : 'set SMARTGPT_BRIDGE_TOKEN (or bridge.token in a chmod 600 config file)',
          }
        : { name: 'Bridge token', status: 'skip', blocking: false, detail: 'the bridge does not serve /auth/me' };
  return [{ name: 'SmartGPT Bridge', status: 'ok', blocking: false, detail: bridge.url }, dialect, token];
}

async function checkRipgrep(runtime: CliRuntime): Promise<DoctorCheck> {
  const result = await execa('rg', ['--version'], { reject: false, stdin: 'ignore', timeout: 5_000, env: runtime.env, extendEnv: false });
  const version = typeof result.stdout === 'string' ? result.stdout.split('\n')[0]?.trim() : undefined;
  return result.exitCode === 0 && version
    ? { name: 'ripgrep', status: 'ok', blocking: false, detail: version }
    : {
        name: 'ripgrep',
        status: 'fail',
        blocking: false,
        detail: 'rg not found',
        fix: 'install ripgrep (apt install ripgrep, brew install ripgrep); local retrieval is weaker without it',
      };
}

function errorText(error: unknown): string {
  if (error instanceof Error && error.name === 'TimeoutError') return 'no answer within 5 s';
  return error instanceof Error ? error.message : String(error);
}

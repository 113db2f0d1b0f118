import type { Backend } from '../backends/backend.js';
import { createBackendsFromConfig } from '../backends/create-backends-from-config.js';
import type { Logger } from '../log/logger.js';
import { UserFacingError } from './config-error.js';
import type { CliConfig } from './load-config.js';

/** The backend every command talks to: the default Ollama plus any configured backends and routes. */
export function createSessionBackend(config: CliConfig, logger?: Logger): Backend {
  try {
    return createBackendsFromConfig(config.backends, {
      ollamaUrl: config.ollamaUrl,
      numCtx: config.numCtx,
      backendTimeoutMs: config.backendTimeout * 1000,
      logger,
    });
  } catch (error) {
    // e.g. an `apiKeyEnv` that names an unset variable: a configuration problem, said in one line.
    const where = config.files.length > 0 ? config.files.join(' or ') : 'config';
    throw new UserFacingError(`${where}: ${error instanceof Error ? error.message : String(error)}`);
  }
}

import { ollamaBackendKind } from './ollama/create-ollama-backend.js';
import { openaiBackendKind } from './openai/create-openai-backend.js';

/**
 * Every kind of backend a config may name, with its factory. Adding one: its file, one line here, and
 * its entry schema in backends-config-schema.ts (kept apart so loading a config loads no backend code;
 * backend-kinds.test.ts fails when the two lists differ).
 * Its own module so the factory reads it without importing the config schema's users.
 */
export const BACKEND_KINDS = [ollamaBackendKind, openaiBackendKind] as const;

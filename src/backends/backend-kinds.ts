import { ollamaBackendKind } from './ollama/create-ollama-backend.js';
import { openaiBackendKind } from './openai/create-openai-backend.js';

/**
 * Every kind of backend a config may name. Adding one: its file, plus one line here. Its own module
 * so the config schema and the factory both read it without importing each other.
 */
export const BACKEND_KINDS = [ollamaBackendKind, openaiBackendKind] as const;

/** The name of the Ollama given by `--ollama-url` / OLLAMA_HOST, which exists without any config. */
export const DEFAULT_BACKEND_NAME = 'ollama';

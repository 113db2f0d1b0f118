/**
 * Codex needs a chat model that calls tools. Ollama lists what a model can do (`/api/show`
 * capabilities); an embedding model has only `embedding`. Backends that report nothing are trusted.
 */
export function describeUnfitModel(model: string, capabilities: readonly string[]): { problem: string; fix: string } | undefined {
  if (capabilities.length === 0) return undefined;
  if (!capabilities.includes('completion')) {
    return {
      problem: `${model} cannot chat (it can: ${capabilities.join(', ')})`,
      fix: 'Codex needs a chat model with tool calls, for example: ollama pull qwen3:8b',
    };
  }
  if (!capabilities.includes('tools')) {
    return {
      problem: `${model} does not support tool calls, which Codex needs for every turn`,
      fix: 'use a model with tools, for example: ollama pull qwen3:8b',
    };
  }
  return undefined;
}

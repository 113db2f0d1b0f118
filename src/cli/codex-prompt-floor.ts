import { estimateTokens } from '../tokens/estimate-tokens.js';
import { loadTokenizer } from '../tokens/tokenizer.js';
import { BASE_INSTRUCTIONS } from './base-instructions.js';

/**
 * What Codex sends before the model writes a word: our base instructions, Codex's own turn set-up
 * (permissions and environment messages) and its tool schemas, plus the repository context we add.
 * A window smaller than that fails inside Codex's TUI ("ran out of room… start a new thread") where we
 * cannot explain it, so the launch and `doctor` compare the two first.
 *
 * The two Codex parts are measured, not guessed: `codex-ctx exec "hi"` with @openai/codex 0.171.0
 * sent 13 tool schemas of 3,722 cl100k tokens and 664 tokens of set-up messages (the TUI adds MCP
 * tools, so this is the smallest Codex request). test/e2e/codex-ctx-launch.e2e.test.ts re-measures
 * them against the pinned Codex, so a Codex upgrade that grows them fails there.
 */
export const CODEX_TOOL_SCHEMA_TOKENS = 3_700;
export const CODEX_TURN_SETUP_TOKENS = 650;

/**
 * Codex's built-in system prompt (`--codex-prompt`), which we do not have as text: the same request
 * with @openai/codex 0.171.0 carried 3,544 cl100k tokens of it (and 12 tool schemas of 3,828 tokens, so
 * the tool count above still holds). Re-measured by the same e2e test.
 */
export const CODEX_BUILT_IN_PROMPT: { tokens: number } = { tokens: 3_500 };

/** A system prompt as text, or as its measured size when only Codex has the text. */
export type PromptInstructions = string | { tokens: number };

/** The system prompt a launch makes Codex send: ours through the model catalog, or Codex's own. */
export function launchInstructions(codexPrompt: boolean): PromptInstructions {
  return codexPrompt ? CODEX_BUILT_IN_PROMPT : BASE_INSTRUCTIONS;
}

export interface PromptFloor {
  instructions: number;
  codexTools: number;
  codexSetup: number;
  context: number;
  total: number;
}

export async function measurePromptFloor(options: {
  instructions: PromptInstructions;
  contextBudget: number;
  window: number;
  /** Count with the tokenizer even when the byte bound proves it fits (doctor shows the number). */
  exact?: boolean;
}): Promise<PromptFloor> {
  const fixed = CODEX_TOOL_SCHEMA_TOKENS + CODEX_TURN_SETUP_TOKENS + options.contextBudget;
  // A cheap byte bound settles the usual case; the tokenizer (~120 ms to load) only when it is close.
  const room = Math.max(0, options.window - fixed);
  const instructions = await countInstructions(options.instructions, room, options.exact === true);
  return {
    instructions,
    codexTools: CODEX_TOOL_SCHEMA_TOKENS,
    codexSetup: CODEX_TURN_SETUP_TOKENS,
    context: options.contextBudget,
    total: instructions + fixed,
  };
}

async function countInstructions(text: PromptInstructions, room: number, exact: boolean): Promise<number> {
  if (typeof text !== 'string') return text.tokens;
  const parts = { texts: [text], messages: 1, images: 0 };
  if (exact || text.length * 3 + 4 > room) {
    await loadTokenizer();
    return estimateTokens(parts, 0);
  }
  // Within the byte bound estimateTokens never tokenizes, so the tokenizer need not be loaded.
  return estimateTokens(parts, room);
}

/**
 * When the floor does not fit: what is wrong (the window and what is needed) and the fix. The
 * suggested `--num-ctx` leaves as much again for the conversation, within the model's own maximum.
 */
export function describeWindowShortfall(options: {
  model: string;
  window: number;
  maxWindow?: number | undefined;
  floor: PromptFloor;
}): { problem: string; fix: string } | undefined {
  const { model, window, maxWindow, floor } = options;
  if (floor.total <= window) return undefined;
  const problem =
    `${model} runs with a ${formatTokens(window)}-token window, but Codex needs ${formatTokens(floor.total)} before the first word ` +
    `(instructions ${formatTokens(floor.instructions)}, tool schemas ${formatTokens(floor.codexTools)}, turn set-up ${formatTokens(floor.codexSetup)}, ` +
    `repository context ${formatTokens(floor.context)})`;
  const suggested = suggestNumCtx(floor.total, maxWindow);
  const fix =
    suggested === undefined
      ? `its maximum is ${formatTokens(maxWindow ?? window)}: use a model with a bigger window`
      : `pass --num-ctx ${suggested} (or use a model with a bigger window)`;
  return { problem, fix };
}

export function formatTokens(value: number): string {
  return value.toLocaleString('en-US');
}

function suggestNumCtx(needed: number, maxWindow: number | undefined): number | undefined {
  if (maxWindow !== undefined && maxWindow < needed) return undefined;
  let suggestion = 4_096;
  while (suggestion < needed * 2) suggestion *= 2;
  return maxWindow === undefined ? suggestion : Math.min(suggestion, maxWindow);
}

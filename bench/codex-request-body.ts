import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

/**
 * The benchmarks' Codex request: a captured first turn (test/fixtures/codex) padded back to the ~40 KB
 * a real first request has (the fixture's long texts were trimmed when captured; spec §2), asking "say hi".
 */
export function buildCodexRequest(): Record<string, any> {
  const captured = JSON.parse(
    readFileSync(fileURLToPath(new URL('../test/fixtures/codex/requests/exec-text-turn1.json', import.meta.url)), 'utf8'),
  ).body;
  const system = captured.input[0];
  const padding = 'You are a coding agent running in the Codex CLI. Keep going until the task is solved. '.repeat(300);
  system.content[0].text += padding.slice(0, 40_000 - JSON.stringify(captured).length);
  captured.input.at(-1).content[0].text = 'say hi';
  return captured;
}

export const buildCodexRequestBody = (): string => JSON.stringify(buildCodexRequest());

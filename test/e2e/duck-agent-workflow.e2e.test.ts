import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { execa } from 'execa';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { startFakeOllama, textChunks, toolCallChunks, type FakeOllama, type RecordedRequest } from '../support/fake-ollama.js';

/**
 * A real coding workflow: a repository whose `agents/duck/AGENTS.md` describes an agent to build, the
 * real Codex CLI through `codex-ctx exec`, and a scripted model that can only do the job from the
 * context codex-ctx injects (Codex itself reads only the root AGENTS.md). The model writes the agent
 * with apply_patch, citing the excerpt; the session notes must cite the file and validate.
 */
const BIN = fileURLToPath(new URL('../../bin/codex-ctx', import.meta.url));

const AGENTS_MD = `# Duck agent

The duck agent greets visitors at the pond.

Build it as a single Python module at \`agents/duck/duck.py\` that defines:

- \`def quack(times: int = 1) -> str\`, returning "Quack!" repeated \`times\` times, separated by spaces.
- \`NAME = "Donald"\`, the agent's display name.
`;

let ollama: FakeOllama;
let repo: string;
let home: string;

beforeAll(async () => {
  ollama = await startFakeOllama({ script: duckModel });
  const work = mkdtempSync(join(tmpdir(), 'codex-ctx-duck-'));
  repo = join(work, 'repo');
  home = join(work, 'home');
  mkdirSync(home);
  const files: Record<string, string> = {
    'agents/duck/AGENTS.md': AGENTS_MD,
    'agents/owl/AGENTS.md': '# Owl agent\n\nThe owl agent answers questions at night. Not built yet.\n',
    'src/pond.py': 'def pond_size():\n    return 42\n',
    'README.md': '# Pond\n\nAgents that live around the pond.\n',
  };
  for (const [path, content] of Object.entries(files)) {
    mkdirSync(dirname(join(repo, path)), { recursive: true });
    writeFileSync(join(repo, path), content);
  }
  execFileSync('git', ['init', '-q'], { cwd: repo });
  execFileSync('git', ['add', '.'], { cwd: repo });
  execFileSync('git', ['-c', 'user.email=t@example.invalid', '-c', 'user.name=t', 'commit', '-qm', 'pond'], { cwd: repo });
});

afterAll(async () => {
  await ollama?.close();
});

/**
 * The scripted model: reads the injected excerpt of agents/duck/AGENTS.md, turns its spec into a patch,
 * and cites the excerpt's number. Without the excerpt it can only say so.
 */
function duckModel(request: RecordedRequest) {
  const messages: Array<{ role: string; content: string }> = request.body.messages;
  const last = messages.at(-1)!;
  if (last.role === 'tool') {
    return { kind: 'chat' as const, chunks: textChunks(`Built the duck agent in agents/duck/duck.py, as specified in [${citationOf(messages) ?? '?'}].`) };
  }
  const context = messages.find((message) => message.role === 'user' && message.content.startsWith('<codex-ctx-context>'));
  const excerpt = context && /\[(\d+)\] agents\/duck\/AGENTS\.md:\d+-\d+[^\n]*\n`{3,}[a-z]*\n([\s\S]*?)\n`{3,}/.exec(context.content);
  if (!excerpt) return { kind: 'chat' as const, chunks: textChunks('I cannot find the duck agent specification.') };
  const spec = excerpt[2]!;
  const name = /NAME = "([^"]+)"/.exec(spec)?.[1];
  const word = /returning "([^"]+)"/.exec(spec)?.[1];
  const module = /module at `([^`]+)`/.exec(spec)?.[1];
  const patch =
    `*** Begin Patch\n*** Add File: ${module}\n` +
    `+NAME = "${name}"\n+\n+\n+def quack(times: int = 1) -> str:\n+    return " ".join(["${word}"] * times)\n` +
    '*** End Patch\n';
  return { kind: 'chat' as const, chunks: toolCallChunks([{ name: 'apply_patch', arguments: { input: patch } }]) };
}

function citationOf(messages: Array<{ role: string; content: string }>): string | undefined {
  const context = messages.find((message) => message.content.startsWith('<codex-ctx-context>'));
  return context && /\[(\d+)\] agents\/duck\/AGENTS\.md/.exec(context.content)?.[1];
}

it('builds the agent its AGENTS.md describes, from injected context, and leaves valid notes citing it', async () => {
  const notes = join(repo, 'docs', 'codex-ctx');
  const run = await execa(
    'node',
    [BIN, '-m', 'qwen3', 'exec', '--skip-git-repo-check', '-s', 'workspace-write', 'Build the duck agent that agents/duck/AGENTS.md describes.'],
    {
      cwd: repo,
      env: { CODEX_HOME: home, OLLAMA_HOST: ollama.url, XDG_STATE_HOME: join(home, 'state'), NO_COLOR: '1' },
      stdin: 'ignore',
      reject: false,
      timeout: 90_000,
    },
  );
  expect(run.exitCode, run.stderr).toBe(0);
  expect(run.stdout).toMatch(/Built the duck agent in agents\/duck\/duck\.py, as specified in \[\d+\]/);

  // The file exists, with what the AGENTS.md asked for.
  const duck = readFileSync(join(repo, 'agents', 'duck', 'duck.py'), 'utf8');
  expect(duck).toContain('NAME = "Donald"');
  expect(duck).toContain('def quack(times: int = 1) -> str:');
  expect(duck).toContain('"Quack!"');

  // Both requests of the turn carried the same injected block (byte-identical, for the prompt cache).
  const contexts = ollama
    .chatRequests()
    .map((request) => request.body.messages.find((message: { content: string }) => message.content.startsWith('<codex-ctx-context>'))?.content);
  expect(contexts.length).toBeGreaterThanOrEqual(2);
  expect(new Set(contexts).size).toBe(1);

  // The session notes cite the AGENTS.md and pass the validator.
  expect(existsSync(notes)).toBe(true);
  const noteText = readdirSync(notes)
    .filter((file) => file.endsWith('.md'))
    .map((file) => readFileSync(join(notes, file), 'utf8'))
    .join('\n');
  expect(noteText).toMatch(/\[!cite\]-[^\n]*agents\/duck\/AGENTS\.md/);
  const validate = await execa('node', [BIN, 'log', 'validate', notes], { cwd: repo, reject: false });
  expect(validate.exitCode, validate.stdout + validate.stderr).toBe(0);
});

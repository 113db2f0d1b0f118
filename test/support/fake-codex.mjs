#!/usr/bin/env node
// Stands in for the Codex binary (execa's echo-argv fixture idea). It writes what it was started with to
// the JSON file named by FAKE_CODEX_OUTPUT, then behaves as told:
//   FAKE_CODEX_EXIT=<n>        exit with code n (default 0)
//   FAKE_CODEX_SIGNAL=<SIG>    kill itself with that signal instead
//   FAKE_CODEX_WAIT=1          stay alive, recording every SIGINT/SIGTERM/SIGHUP it receives; a SIGTERM or
//                              SIGHUP then ends it by that signal (as Codex does), SIGINT is only recorded
//   FAKE_CODEX_REQUEST=1       POST one request to $OPENAI_BASE_URL/responses with the session key and one
//                              with a wrong key, and record both statuses (the proxy is up and checks the key)
// `--version` prints a Codex-like version line, for doctor.
import { readFileSync, writeFileSync } from 'node:fs';

const outputFile = process.env.FAKE_CODEX_OUTPUT;
const ENV_KEYS = ['CODEX_CTX_API_KEY', 'OPENAI_BASE_URL', 'OPENAI_API_KEY', 'CODEX_HOME', 'FAKE_CODEX_MARKER'];
const record = {
  argv: process.argv.slice(2),
  env: Object.fromEntries(ENV_KEYS.filter((key) => key in process.env).map((key) => [key, process.env[key]])),
  cwd: process.cwd(),
  pid: process.pid,
  signals: [],
};

// The catalog lives in a temp dir removed when the session ends: keep a copy of what Codex would read.
const catalogArg = record.argv.find((arg) => arg.startsWith('model_catalog_json='));
if (catalogArg) {
  const raw = catalogArg.slice('model_catalog_json='.length);
  const path = raw.startsWith('"') ? JSON.parse(raw) : raw;
  record.catalog = JSON.parse(readFileSync(path, 'utf8'));
}

const save = () => outputFile && writeFileSync(outputFile, JSON.stringify(record, null, 1));

if (record.argv[0] === '--version') process.stdout.write('codex-cli 0.171.0\n');

if (process.env.FAKE_CODEX_REQUEST === '1') {
  const post = (key) =>
    fetch(`${process.env.OPENAI_BASE_URL}/responses`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${key}` },
      body: JSON.stringify({
        model: process.env.FAKE_CODEX_MODEL ?? 'qwen3',
        stream: true,
        input: [{ type: 'message', role: 'user', content: [{ type: 'input_text', text: 'say hi' }] }],
      }),
    });
  const accepted = await post(process.env.CODEX_CTX_API_KEY);
  record.request = { status: accepted.status, body: await accepted.text() };
  const refused = await post('sk-wrong-key');
  record.wrongKeyStatus = refused.status;
  await refused.body?.cancel();
}

if (process.env.FAKE_CODEX_WAIT === '1') {
  for (const signal of ['SIGINT', 'SIGTERM', 'SIGHUP']) {
    process.on(signal, () => {
      record.signals.push(signal);
      save();
      if (signal === 'SIGINT') return;
      process.removeAllListeners(signal);
      process.kill(process.pid, signal);
    });
  }
  record.ready = true;
  save();
  setInterval(() => {}, 1_000);
} else {
  save();
  if (process.env.FAKE_CODEX_SIGNAL) process.kill(process.pid, process.env.FAKE_CODEX_SIGNAL);
  else process.exit(Number(process.env.FAKE_CODEX_EXIT ?? 0));
}

import http from 'node:http';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import {
  DEFAULT_FAKE_MODEL,
  FAKE_OLLAMA_VERSION,
  estimatePromptTokens,
  fakeEmbedding,
  modelNotFoundError,
  startFakeOllama,
  textChunks,
  toolCallChunks,
  type FakeOllama,
} from './fake-ollama.js';

let fake: FakeOllama;

beforeEach(async () => {
  fake = await startFakeOllama({
    models: [
      { name: 'qwen3', contextLength: 40960 },
      { name: 'thinker:8b', family: 'gptoss', contextLength: 131072, capabilities: ['completion', 'tools', 'thinking'], embeddingLength: 16 },
      { name: 'plain', capabilities: ['completion'] },
    ],
  });
});

afterEach(async () => {
  await fake.close();
});

const post = (path: string, body: unknown, init: RequestInit = {}): Promise<Response> =>
  fetch(fake.url + path, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: typeof body === 'string' ? body : JSON.stringify(body),
    ...init,
  });

interface TimedLine {
  value: Record<string, any>;
  at: number;
}

/** Reads an NDJSON body, noting when each line arrived. */
async function readLines(response: Response): Promise<TimedLine[]> {
  const reader = response.body!.getReader();
  const decoder = new TextDecoder();
  const out: TimedLine[] = [];
  let buffer = '';
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    buffer += decoder.decode(value, { stream: true });
    let nl: number;
    while ((nl = buffer.indexOf('\n')) >= 0) {
      out.push({ value: JSON.parse(buffer.slice(0, nl)), at: performance.now() });
      buffer = buffer.slice(nl + 1);
    }
  }
  expect(buffer).toBe(''); // every line is newline-terminated
  return out;
}

const chatBody = (content: string, extra: Record<string, unknown> = {}) => ({
  model: 'qwen3',
  messages: [
    { role: 'system', content: 'be brief' },
    { role: 'user', content },
  ],
  ...extra,
});

describe('plain endpoints', () => {
  it('answers GET / and /api/version like Ollama', async () => {
    const root = await fetch(fake.url + '/');
    expect(root.status).toBe(200);
    expect(await root.text()).toBe('Ollama is running');
    expect(await (await fetch(fake.url + '/api/version')).json()).toEqual({ version: FAKE_OLLAMA_VERSION });
    expect((await fetch(fake.url + '/', { method: 'HEAD' })).status).toBe(200);
  });

  it('answers unknown paths with 404 and wrong methods with 405', async () => {
    const missing = await fetch(fake.url + '/api/nope');
    expect(missing.status).toBe(404);
    expect(await missing.text()).toBe('404 page not found');
    expect((await fetch(fake.url + '/api/chat')).status).toBe(405);
  });

  it('lists models in /api/tags with the :latest tag, and follows setModels', async () => {
    const tags = (await (await fetch(fake.url + '/api/tags')).json()) as any;
    expect(tags.models.map((m: any) => m.name)).toEqual(['qwen3:latest', 'thinker:8b', 'plain:latest']);
    expect(tags.models[0]).toMatchObject({
      model: 'qwen3:latest',
      size: expect.any(Number),
      digest: expect.stringMatching(/^[0-9a-f]{64}$/),
      modified_at: expect.any(String),
      details: { family: 'qwen3', format: 'gguf' },
    });
    fake.setModels([{ name: 'other' }]);
    const after = (await (await fetch(fake.url + '/api/tags')).json()) as any;
    expect(after.models.map((m: any) => m.name)).toEqual(['other:latest']);
    expect((await post('/api/show', { model: 'qwen3' })).status).toBe(404);
  });

  it('describes a model in /api/show, with or without the tag, case-insensitively', async () => {
    for (const name of ['thinker:8b', 'THINKER:8B']) {
      const res = await post('/api/show', { model: name });
      expect(res.status).toBe(200);
      const show = (await res.json()) as any;
      expect(show.model_info['general.architecture']).toBe('gptoss');
      expect(show.model_info['gptoss.context_length']).toBe(131072);
      expect(show.capabilities).toEqual(['completion', 'tools', 'thinking']);
      expect(show.details.family).toBe('gptoss');
      expect(typeof show.modelfile).toBe('string');
      expect(typeof show.template).toBe('string');
    }
    const qwen = (await (await post('/api/show', { model: 'qwen3:latest' })).json()) as any;
    expect(qwen.model_info['qwen3.context_length']).toBe(40960);
    expect(qwen.capabilities).toEqual(['completion', 'tools']);
  });

  it('lists Modelfile parameters in /api/show', async () => {
    fake.setModels([{ name: 'm', parameters: { num_ctx: 8192, stop: '<|im_end|>' } }]);
    const show = (await (await post('/api/show', { model: 'm' })).json()) as any;
    expect(show.parameters.split('\n')).toEqual([`${'num_ctx'.padEnd(30)} 8192`, `${'stop'.padEnd(30)} "<|im_end|>"`]);
  });

  it('returns Ollama errors from /api/show', async () => {
    const missing = await post('/api/show', { model: 'nope' });
    expect(missing.status).toBe(404);
    expect(await missing.json()).toEqual({ error: "model 'nope' not found" });
    const noModel = await post('/api/show', {});
    expect(noModel.status).toBe(400);
    expect(await noModel.json()).toEqual({ error: 'model is required' });
  });

  it('lists the models used so far in /api/ps with their num_ctx', async () => {
    expect(await (await fetch(fake.url + '/api/ps')).json()).toEqual({ models: [] });
    await (await post('/api/chat', chatBody('hi', { stream: false, options: { num_ctx: 16384 } }))).json();
    const ps = (await (await fetch(fake.url + '/api/ps')).json()) as any;
    expect(ps.models).toHaveLength(1);
    expect(ps.models[0]).toMatchObject({ name: 'qwen3:latest', context_length: 16384 });
  });
});

describe('/api/embed', () => {
  const norm = (v: number[]) => Math.sqrt(v.reduce((s, x) => s + x * x, 0));

  it('returns deterministic unit vectors of the model dimension', async () => {
    const res = await post('/api/embed', { model: 'qwen3', input: 'hello world' });
    expect(res.status).toBe(200);
    const body = (await res.json()) as any;
    expect(body).toMatchObject({ model: 'qwen3', prompt_eval_count: 3, total_duration: expect.any(Number), load_duration: expect.any(Number) });
    expect(body.embeddings).toHaveLength(1);
    expect(body.embeddings[0]).toHaveLength(8);
    expect(norm(body.embeddings[0])).toBeCloseTo(1, 6);
    expect(body.embeddings[0]).toEqual(fakeEmbedding('hello world', 8));
    const again = (await (await post('/api/embed', { model: 'qwen3', input: 'hello world' })).json()) as any;
    expect(again.embeddings).toEqual(body.embeddings);
  });

  it('embeds each string of an array, and honours embeddingLength and dimensions', async () => {
    const body = (await (await post('/api/embed', { model: 'thinker:8b', input: ['a b', 'c d', 'a b'] })).json()) as any;
    expect(body.embeddings).toHaveLength(3);
    expect(body.embeddings[0]).toHaveLength(16);
    expect(body.embeddings[2]).toEqual(body.embeddings[0]);
    expect(body.embeddings[1]).not.toEqual(body.embeddings[0]);
    const cut = (await (await post('/api/embed', { model: 'thinker:8b', input: 'a b', dimensions: 4 })).json()) as any;
    expect(cut.embeddings[0]).toHaveLength(4);
    expect(norm(cut.embeddings[0])).toBeCloseTo(1, 6);
  });

  it('makes texts that share words more similar than unrelated texts', () => {
    const dot = (a: number[], b: number[]) => a.reduce((s, x, i) => s + x * b[i]!, 0);
    const base = fakeEmbedding('parse the config file and load settings', 64);
    const near = fakeEmbedding('load settings from the config file', 64);
    const far = fakeEmbedding('render purple elephants dancing quickly', 64);
    expect(dot(base, near)).toBeGreaterThan(dot(base, far) + 0.3);
  });

  it('returns Ollama errors', async () => {
    const missing = await post('/api/embed', { model: 'nope', input: 'x' });
    expect(missing.status).toBe(404);
    expect(await missing.json()).toEqual({ error: "model 'nope' not found" });
    const bad = await post('/api/embed', { model: 'qwen3', input: [1, 2] });
    expect(bad.status).toBe(400);
    expect(await bad.json()).toEqual({ error: 'invalid input type' });
    const empty = await post('/api/embed', { model: 'qwen3', input: [] });
    expect(await empty.json()).toEqual({ model: 'qwen3', embeddings: [] });
  });
});

describe('/api/chat', () => {
  it('streams the default echo reply as NDJSON with a final done line', async () => {
    const body = chatBody('hi there');
    const res = await post('/api/chat', body);
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toBe('application/x-ndjson');
    expect(res.headers.get('transfer-encoding')).toBe('chunked');
    const lines = (await readLines(res)).map((l) => l.value);
    expect(lines.length).toBeGreaterThan(2);
    for (const line of lines.slice(0, -1)) {
      expect(line).toEqual({ model: 'qwen3', created_at: expect.any(String), message: { role: 'assistant', content: expect.any(String) }, done: false });
      expect(Number.isNaN(Date.parse(line.created_at))).toBe(false);
    }
    expect(lines.map((l) => l.message.content).join('')).toBe('echo: hi there');
    const last = lines.at(-1)!;
    expect(last).toMatchObject({ model: 'qwen3', message: { role: 'assistant', content: '' }, done: true, done_reason: 'stop' });
    expect(last.prompt_eval_count).toBe(estimatePromptTokens('/api/chat', body));
    expect(last.prompt_eval_count).toBe(Math.round('be briefhi there'.length / 4));
    for (const key of ['total_duration', 'load_duration', 'prompt_eval_duration', 'eval_count', 'eval_duration']) {
      expect(last[key]).toBeGreaterThan(0);
    }
    // Go's field order: done_reason before done.
    expect(Object.keys(last).slice(0, 5)).toEqual(['model', 'created_at', 'message', 'done_reason', 'done']);
  });

  it('echoes the requested model name, not the one in the scripted chunks', async () => {
    fake.setScript(() => ({ kind: 'chat', chunks: textChunks('x', { model: 'something-else' }) }));
    const lines = await readLines(await post('/api/chat', { ...chatBody('q'), model: 'QWEN3:latest' }));
    expect(lines.every((l) => l.value.model === 'QWEN3:latest')).toBe(true);
  });

  it('keeps counts the script sets', async () => {
    fake.setScript(() => ({ kind: 'chat', chunks: textChunks('abc', { promptEvalCount: 1234, evalCount: 7, doneReason: 'length' }) }));
    const last = (await readLines(await post('/api/chat', chatBody('q')))).at(-1)!.value;
    expect(last).toMatchObject({ prompt_eval_count: 1234, eval_count: 7, done_reason: 'length' });
  });

  it('records requests and passes them with a call index to the script', async () => {
    const seen: Array<[string, number]> = [];
    fake.setScript((request, callIndex) => {
      seen.push([request.body.messages.at(-1).content, callIndex]);
      return { kind: 'chat', chunks: textChunks('ok') };
    });
    await readLines(await post('/api/chat', chatBody('one'), { headers: { 'content-type': 'application/json', 'x-test': 'yes' } }));
    await readLines(await post('/api/chat', chatBody('two')));
    expect(seen).toEqual([['one', 0], ['two', 1]]);
    const [first] = fake.chatRequests();
    expect(first).toMatchObject({ method: 'POST', path: '/api/chat', status: 200, aborted: false });
    expect(first!.headers['x-test']).toBe('yes');
    expect(first!.body).toEqual(chatBody('one'));
    expect(first!.bodyBytes).toBe(Buffer.byteLength(JSON.stringify(chatBody('one'))));
    expect(first!.endedAt).toBeGreaterThanOrEqual(first!.receivedAt);
    fake.reset();
    expect(fake.requests).toEqual([]);
  });

  it('delivers each line as it is written, with the scripted delays', async () => {
    fake.setScript(() => ({ kind: 'chat', chunks: textChunks('a b c d e', { pieces: 5 }), firstChunkDelayMs: 50, chunkDelayMs: 80 }));
    const started = performance.now();
    const lines = await readLines(await post('/api/chat', chatBody('q')));
    expect(lines).toHaveLength(6);
    const first = lines[0]!.at - started;
    const last = lines.at(-1)!.at - started;
    expect(first).toBeGreaterThanOrEqual(45);
    // The last line cannot be written before 50 + 5 × 80 ms; the first must have arrived well before that.
    expect(last).toBeGreaterThanOrEqual(440);
    expect(last - first).toBeGreaterThanOrEqual(350);
    for (let i = 1; i < lines.length; i++) expect(lines[i]!.at - lines[i - 1]!.at).toBeGreaterThanOrEqual(60);
    // Stamped when written, as Ollama does, not when the script built the chunks.
    expect(Date.parse(lines.at(-1)!.value.created_at) - Date.parse(lines[0]!.value.created_at)).toBeGreaterThanOrEqual(300);
  });

  it('streams thinking and tool calls in Ollama shapes', async () => {
    const chunks = toolCallChunks([{ name: 'exec_command', arguments: { cmd: 'ls' } }, { name: 'read', arguments: { path: 'a' } }], {
      thinking: 'let me look',
      textBefore: 'Checking.',
    });
    fake.setScript(() => ({ kind: 'chat', chunks }));
    const lines = (await readLines(await post('/api/chat', chatBody('q', { tools: [{ type: 'function', function: { name: 'exec_command', parameters: {} } }] })))).map((l) => l.value);
    expect(lines.map((l) => l.message.thinking ?? '').join('')).toBe('let me look');
    expect(lines.map((l) => l.message.content).join('')).toBe('Checking.');
    const withCalls = lines.filter((l) => l.message.tool_calls);
    expect(withCalls).toHaveLength(1);
    expect(withCalls[0]!.message.content).toBe('');
    expect(withCalls[0]!.message.tool_calls).toEqual([
      { id: expect.stringMatching(/^call_[a-z0-9]{8}$/), function: { index: 0, name: 'exec_command', arguments: { cmd: 'ls' } } },
      { id: expect.stringMatching(/^call_[a-z0-9]{8}$/), function: { index: 1, name: 'read', arguments: { path: 'a' } } },
    ]);
    expect(lines.at(-1)).toMatchObject({ done: true, done_reason: 'stop' });
  });

  it('returns one merged JSON object for stream:false', async () => {
    fake.setScript(() => ({
      kind: 'chat',
      chunks: [
        ...textChunks('Hello world', { thinking: 'hmm ok' }).slice(0, -1),
        ...toolCallChunks([{ name: 'f', arguments: { a: 1 }, id: 'call_abcd1234' }]),
      ],
    }));
    const res = await post('/api/chat', chatBody('q', { stream: false }));
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toBe('application/json; charset=utf-8');
    const body = (await res.json()) as any;
    expect(body).toMatchObject({
      model: 'qwen3',
      message: {
        role: 'assistant',
        content: 'Hello world',
        thinking: 'hmm ok',
        tool_calls: [{ id: 'call_abcd1234', function: { index: 0, name: 'f', arguments: { a: 1 } } }],
      },
      done: true,
      done_reason: 'stop',
      prompt_eval_count: expect.any(Number),
      eval_count: expect.any(Number),
      total_duration: expect.any(Number),
    });
  });

  it('sends a scripted HTTP error before streaming', async () => {
    fake.setScript(() => ({ kind: 'error', status: 500, error: 'llama runner process has terminated' }));
    const res = await post('/api/chat', chatBody('q'));
    expect(res.status).toBe(500);
    expect(await res.json()).toEqual({ error: 'llama runner process has terminated' });
  });

  it('writes an error line mid-stream and stops there, or fails stream:false with 500', async () => {
    fake.setScript(() => ({ kind: 'chat', chunks: [...textChunks('partial', { pieces: 1 }).slice(0, -1), { error: 'out of memory' }, ...textChunks('never')] }));
    const lines = (await readLines(await post('/api/chat', chatBody('q')))).map((l) => l.value);
    expect(lines).toHaveLength(2);
    expect(lines[0]!.message.content).toBe('partial');
    expect(lines[1]).toEqual({ error: 'out of memory' });
    const res = await post('/api/chat', chatBody('q', { stream: false }));
    expect(res.status).toBe(500);
    expect(await res.json()).toEqual({ error: 'out of memory' });
  });

  it('turns a throwing script into a 500', async () => {
    fake.setScript(() => {
      throw new Error('script broke');
    });
    const res = await post('/api/chat', chatBody('q'));
    expect(res.status).toBe(500);
    expect(await res.json()).toEqual({ error: 'script broke' });
  });

  it('hangs until the client aborts, then marks the request aborted', async () => {
    fake.setScript(() => ({ kind: 'hang' }));
    const controller = new AbortController();
    const res = await post('/api/chat', chatBody('q'), { signal: controller.signal });
    expect(res.status).toBe(200); // headers arrive, then nothing
    const [request] = fake.chatRequests();
    expect(request!.aborted).toBe(false);
    const read = res.body!.getReader().read();
    controller.abort();
    await expect(read).rejects.toThrow();
    await fake.waitForAbort(request!, 2000);
    expect(request!.aborted).toBe(true);
  });

  it('hangs without headers for stream:false, and waitForRequest sees the request', async () => {
    fake.setScript(() => ({ kind: 'hang' }));
    const controller = new AbortController();
    let headersArrived = false;
    const pending = post('/api/chat', chatBody('q', { stream: false }), { signal: controller.signal }).then(() => {
      headersArrived = true;
    });
    const request = await fake.waitForRequest((r) => r.path === '/api/chat');
    await new Promise((r) => setTimeout(r, 100));
    expect(headersArrived).toBe(false);
    expect(request.status).toBeUndefined();
    controller.abort();
    await expect(pending).rejects.toThrow();
    await fake.waitForAbort(request);
    expect(request.aborted).toBe(true);
  });

  it('rejects waitForAbort when the client stays, and waitForRequest when nothing comes', async () => {
    await readLines(await post('/api/chat', chatBody('q')));
    const [request] = fake.chatRequests();
    await expect(fake.waitForAbort(request!, 100)).rejects.toThrow(/not aborted/);
    expect(request!.aborted).toBe(false);
    await expect(fake.waitForRequest((r) => r.path === '/api/generate', 100)).rejects.toThrow(/no matching request/);
  });

  it('drops the connection after the given lines', async () => {
    fake.setScript(() => ({ kind: 'drop', afterChunks: textChunks('one two three').slice(0, 2) }));
    const res = await post('/api/chat', chatBody('q'));
    expect(res.status).toBe(200);
    const reader = res.body!.getReader();
    const decoder = new TextDecoder();
    let text = '';
    let failure: unknown;
    try {
      for (;;) {
        const { done, value } = await reader.read();
        if (done) break;
        text += decoder.decode(value, { stream: true });
      }
    } catch (error) {
      failure = error;
    }
    expect(failure).toBeDefined(); // a truncated chunked body, not a clean end
    const lines = text.trim().split('\n').map((l) => JSON.parse(l));
    expect(lines.map((l) => l.message.content)).toEqual(['one ', 'two ']);
    const [request] = fake.chatRequests();
    await new Promise((r) => setTimeout(r, 20));
    expect(request!.aborted).toBe(false);
  });

  it('serves several delayed streams at once', async () => {
    fake.setScript((request) => ({ kind: 'chat', chunks: textChunks(`reply ${request.body.messages.at(-1).content}`, { pieces: 4 }), chunkDelayMs: 60 }));
    const results = await Promise.all(
      [0, 1, 2, 3, 4, 5].map(async (i) => {
        const lines = await readLines(await post('/api/chat', chatBody(`n${i}`)));
        return { text: lines.map((l) => l.value.message.content).join(''), first: lines[0]!.at, last: lines.at(-1)!.at };
      }),
    );
    expect(results.map((r) => r.text)).toEqual([0, 1, 2, 3, 4, 5].map((i) => `reply n${i}`));
    // Every stream had started before any had finished: served at once, not one after another.
    const latestFirst = Math.max(...results.map((r) => r.first));
    const earliestLast = Math.min(...results.map((r) => r.last));
    expect(latestFirst).toBeLessThan(earliestLast); // the streams overlapped
  });

  it('answers an empty message list with a load response, without calling the script', async () => {
    let called = false;
    fake.setScript(() => {
      called = true;
      return { kind: 'chat', chunks: textChunks('x') };
    });
    const res = await post('/api/chat', { model: 'qwen3', messages: [] });
    expect(await res.json()).toMatchObject({ model: 'qwen3', message: { role: 'assistant', content: '' }, done: true, done_reason: 'load' });
    expect(called).toBe(false);
  });

  it('reuses keep-alive connections', async () => {
    const agent = new http.Agent({ keepAlive: true, maxSockets: 1 });
    const once = () =>
      new Promise<void>((resolve, reject) => {
        const req = http.request(fake.url + '/api/chat', { method: 'POST', agent }, (res) => {
          res.resume();
          res.on('end', resolve);
        });
        req.on('error', reject);
        req.end(JSON.stringify(chatBody('q')));
      });
    await once();
    await once();
    agent.destroy();
    const [a, b] = fake.chatRequests();
    expect(a!.remotePort).toBeDefined();
    expect(b!.remotePort).toBe(a!.remotePort);
  });

  describe('errors Ollama returns before streaming', () => {
    const cases: Array<[string, () => Promise<Response>, number, string | RegExp]> = [
      ['unknown model', () => post('/api/chat', { ...chatBody('q'), model: 'llama9' }), 404, 'model "llama9" not found, try pulling it first'],
      ['missing model', () => post('/api/chat', { messages: [] }), 400, 'model is required'],
      ['empty body', () => post('/api/chat', ''), 400, 'missing request body'],
      ['malformed JSON', () => post('/api/chat', '{"model": qwen3}'), 400, "invalid character 'q' looking for beginning of value"],
      ['truncated JSON', () => post('/api/chat', '{"model": "qwen3"'), 400, 'unexpected EOF'],
      ['unquoted key', () => post('/api/chat', '{model: 1}'), 400, "invalid character 'm' looking for beginning of object key string"],
      ['trailing garbage', () => post('/api/chat', '{"model": "qwen3"} x'), 400, "invalid character 'x' after top-level value"],
      ['JSON that is not an object', () => post('/api/chat', '[1]'), 400, /cannot unmarshal array/],
      ['messages not an array', () => post('/api/chat', { model: 'qwen3', messages: 'hi' }), 400, /cannot unmarshal string into Go struct field ChatRequest\.messages/],
      ['think on a model without thinking', () => post('/api/chat', chatBody('q', { think: true })), 400, '"qwen3" does not support thinking'],
      ['think level on a model without thinking', () => post('/api/chat', chatBody('q', { think: 'high' })), 400, '"qwen3" does not support thinking'],
      [
        'tools on a model without tools',
        () => post('/api/chat', { ...chatBody('q', { tools: [{ type: 'function', function: { name: 'f', parameters: {} } }] }), model: 'plain' }),
        400,
        'registry.ollama.ai/library/plain:latest does not support tools',
      ],
      [
        'tool call arguments as a string',
        () => post('/api/chat', chatBody('q', { messages: [{ role: 'assistant', content: '', tool_calls: [{ function: { name: 'f', arguments: '{"a":1}' } }] }] })),
        400,
        /cannot unmarshal string into Go struct field .*arguments/,
      ],
      [
        'image as a data URL',
        () => post('/api/chat', chatBody('q', { messages: [{ role: 'user', content: 'see', images: ['data:image/png;base64,AAAA'] }] })),
        400,
        'illegal base64 data at input byte 4',
      ],
    ];
    it.each(cases)('%s', async (_name, send, status, message) => {
      const res = await send();
      expect(res.status).toBe(status);
      expect(res.headers.get('content-type')).toBe('application/json; charset=utf-8');
      const body = (await res.json()) as { error: string };
      if (typeof message === 'string') expect(body.error).toBe(message);
      else expect(body.error).toMatch(message);
    });

    it('accepts think on a thinking model and plain base64 images', async () => {
      const res = await post('/api/chat', {
        model: 'thinker:8b',
        think: 'high',
        messages: [{ role: 'user', content: 'see', images: ['iVBORw0KGgo='] }],
      });
      expect(res.status).toBe(200);
      await readLines(res);
    });

    it('exposes the not-found texts', () => {
      expect(modelNotFoundError('/api/chat', 'x')).toBe('model "x" not found, try pulling it first');
      expect(modelNotFoundError('/api/show', 'x')).toBe("model 'x' not found");
    });
  });
});

describe('/api/generate', () => {
  it('streams the scripted reply in the response field', async () => {
    const body = { model: 'qwen3', prompt: 'complete me', system: 'sys' };
    const lines = (await readLines(await post('/api/generate', body))).map((l) => l.value);
    for (const line of lines.slice(0, -1)) {
      expect(line).toEqual({ model: 'qwen3', created_at: expect.any(String), response: expect.any(String), done: false });
    }
    expect(lines.map((l) => l.response).join('')).toBe('echo: complete me');
    const last = lines.at(-1)!;
    expect(last).toMatchObject({ response: '', done: true, done_reason: 'stop', context: expect.any(Array) });
    expect(last.prompt_eval_count).toBe(estimatePromptTokens('/api/generate', body));
    expect(last.message).toBeUndefined();
  });

  it('maps chat chunks from the script, merges them for stream:false, and omits context for raw', async () => {
    fake.setScript((request) => {
      expect(request.path).toBe('/api/generate');
      return { kind: 'chat', chunks: textChunks('def f(): pass', { thinking: 'code' }) };
    });
    const res = await post('/api/generate', { model: 'thinker:8b', prompt: 'def', raw: true, stream: false });
    const body = (await res.json()) as any;
    expect(body).toMatchObject({ model: 'thinker:8b', response: 'def f(): pass', thinking: 'code', done: true, done_reason: 'stop' });
    expect(body.context).toBeUndefined();
  });

  it('records suffix and rejects it on a model without insert', async () => {
    const res = await post('/api/generate', { model: 'qwen3', prompt: 'a', suffix: 'b' });
    expect(res.status).toBe(400);
    expect(await res.json()).toEqual({ error: 'registry.ollama.ai/library/qwen3:latest does not support insert' });
    expect(fake.requests.at(-1)!.body.suffix).toBe('b');
    fake.setModels([{ name: 'coder', capabilities: ['completion', 'insert'] }]);
    const ok = await post('/api/generate', { model: 'coder', prompt: 'a', suffix: 'b', stream: false });
    expect(ok.status).toBe(200);
  });

  it('returns Ollama errors', async () => {
    const missing = await post('/api/generate', { model: 'nope', prompt: 'x' });
    expect(missing.status).toBe(404);
    expect(await missing.json()).toEqual({ error: 'model "nope" not found, try pulling it first' });
    const raw = await post('/api/generate', { model: 'qwen3', prompt: 'x', raw: true, system: 's' });
    expect(raw.status).toBe(400);
    expect(await raw.json()).toEqual({ error: 'raw mode does not support template, system, or context' });
    const load = await post('/api/generate', { model: 'qwen3' });
    expect(await load.json()).toMatchObject({ done: true, done_reason: 'load' });
  });
});

describe('chunk builders', () => {
  it('textChunks splits by words by default, or into a count or given pieces', () => {
    const byWord = textChunks('Hello big world');
    expect(byWord.slice(0, -1).map((c) => c.message!.content)).toEqual(['Hello ', 'big ', 'world']);
    expect(byWord[0]).toEqual({ model: DEFAULT_FAKE_MODEL, created_at: expect.any(String), message: { role: 'assistant', content: 'Hello ' }, done: false });
    const final = byWord.at(-1)!;
    expect(final).toMatchObject({ done: true, done_reason: 'stop', eval_count: 3, message: { role: 'assistant', content: '' } });
    expect(final.prompt_eval_count).toBeUndefined(); // left for the server to estimate
    expect(final.total_duration).toBeGreaterThan(0);

    expect(textChunks('abcdef', { pieces: 3 }).slice(0, -1).map((c) => c.message!.content)).toEqual(['ab', 'cd', 'ef']);
    expect(textChunks('a😀b', { pieces: 3 }).slice(0, -1).map((c) => c.message!.content)).toEqual(['a', '😀', 'b']);
    expect(textChunks('ab', { pieces: ['a', 'b'] })).toHaveLength(3);
    expect(() => textChunks('ab', { pieces: ['a', 'c'] })).toThrow(/join/);
    expect(textChunks('')).toHaveLength(1);
  });

  it('toolCallChunks can put each call in its own line', () => {
    const chunks = toolCallChunks([{ name: 'a', arguments: {} }, { name: 'b', arguments: { x: [1] } }], { perCallChunks: true });
    expect(chunks).toHaveLength(3);
    expect(chunks[1]!.message!.tool_calls![0]!.function).toEqual({ index: 1, name: 'b', arguments: { x: [1] } });
  });
});

describe('close', () => {
  it('closes promptly while a request hangs', async () => {
    const other = await startFakeOllama({ script: () => ({ kind: 'hang' }) });
    const res = await fetch(other.url + '/api/chat', { method: 'POST', body: JSON.stringify(chatBody('q')) });
    const read = res.body!.getReader().read().catch((e: unknown) => e);
    // Resolving at all is the point (the test timeout bounds it): a hanging request must not hold close().
    await other.close();
    expect(await read).toBeInstanceOf(Error);
    expect(other.requests[0]!.aborted).toBe(false);
  });
});

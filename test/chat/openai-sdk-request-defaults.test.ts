import OpenAI from 'openai';
import { describe, expect, it } from 'vitest';
import { textChunks } from '../support/fake-ollama.js';
import { useOpenAISdkProxy } from '../support/use-openai-sdk-proxy.js';

/** Defaults of OpenAI's API reference that a client relies on without sending them. */
const proxy = useOpenAISdkProxy();
const start = () => proxy.start({ fake: { script: () => ({ kind: 'chat', chunks: textChunks('some text') }) } });

const generateBodies = () => proxy.ollama.requests.filter((request) => request.path === '/api/generate').map((request) => request.body);

describe('OpenAI request defaults', () => {
  it('stops a legacy completion after 16 tokens when max_tokens is omitted, and not at all for max_tokens: null', async () => {
    const client = await start();
    await client.completions.create({ model: 'qwen3', prompt: 'once upon' });
    await client.completions.create({ model: 'qwen3', prompt: 'once upon', max_tokens: null });
    await client.completions.create({ model: 'qwen3', prompt: 'once upon', max_tokens: 200 });
    expect(generateBodies().map((body) => body.options.num_predict)).toEqual([16, undefined, 200]);
  });

  it('answers chat n > 1 with a 400 naming `n`, since one local generation gives one choice', async () => {
    const client = await start();
    const error = await client.chat.completions.create({ model: 'qwen3', messages: [{ role: 'user', content: 'hi' }], n: 2 }).catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(OpenAI.BadRequestError);
    expect((error as InstanceType<typeof OpenAI.BadRequestError>).param).toBe('n');
    const one = await client.chat.completions.create({ model: 'qwen3', messages: [{ role: 'user', content: 'hi' }], n: 1 });
    expect(one.choices.map((choice) => choice.message.content)).toEqual(['some text']);
  });

  it('accepts store and metadata on /v1/responses and answers as usual', async () => {
    const client = await start();
    const response = await client.responses.create({ model: 'qwen3', input: 'hi', store: true, metadata: { run: '1' }, user: 'me' });
    expect(response.output_text).toBe('some text');
  });
});

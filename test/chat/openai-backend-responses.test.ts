import { readFileSync } from 'node:fs';
import { afterEach, describe, expect, it } from 'vitest';
import { postResponses } from '../support/sse.js';
import { startOpenAITestProxy, type OpenAITestProxy } from './start-openai-test-proxy.js';

/**
 * Codex's /v1/responses through the `openai` backend, translated to streamed chat completions for a
 * server without a Responses API, or forwarded to one that has it (`responses: true`).
 */
let running: OpenAITestProxy | undefined;
afterEach(async () => {
  await running?.close();
  running = undefined;
});

const fixture = (name: string) =>
  JSON.parse(readFileSync(new URL(`../fixtures/codex/requests/${name}.json`, import.meta.url), 'utf8')).body as Record<string, any>;

const respond = (body: unknown) => postResponses(running!.proxy.baseUrl, body);

const doneItems = (events: Array<{ type: string; [key: string]: any }>) =>
  events.filter((event) => event.type === 'response.output_item.done').map((event) => event.item);

describe('/v1/responses translated to chat completions', () => {
  it('streams a text answer as the Responses lifecycle, with the server\'s usage', async () => {
    running = await startOpenAITestProxy();
    running.server.setScript(() => ({ kind: 'answer', text: 'Hello from chat', reasoning: 'thinking it over', promptTokens: 1234, completionTokens: 7 }));
    const events = await respond(fixture('exec-text-turn1'));
    expect(events[0]!.type).toBe('response.created');
    expect(doneItems(events).map((item) => item.type)).toEqual(['reasoning', 'message']);
    expect(doneItems(events)[1].content[0].text).toBe('Hello from chat');
    const completed = events.at(-1)!;
    expect(completed.type).toBe('response.completed');
    expect(completed.response.usage).toMatchObject({ input_tokens: 1234, output_tokens: 7 });

    const upstream = running.server.requestsTo('/chat/completions')[0]!.body;
    expect(upstream).toMatchObject({ model: 'qwen3', stream: true, stream_options: { include_usage: true } });
    expect(upstream.messages[0].role).toBe('system');
    expect(upstream.messages.filter((message: any) => message.role === 'system')).toHaveLength(1);
    expect(upstream.messages.at(-1).role).toBe('user');
  });

  it('assembles streamed argument fragments into whole calls, restoring namespaces and the custom apply_patch', async () => {
    running = await startOpenAITestProxy();
    const patch = '*** Begin Patch\n*** Add File: a.txt\n+a\n*** End Patch\n';
    running.server.setScript(() => ({
      kind: 'answer',
      toolCalls: [
        { name: 'exec_command', arguments: '{"cmd":"echo hi"}' },
        { name: 'multi_agent_v1__close_agent', arguments: '{"target":"agent-1"}' },
        { name: 'apply_patch', arguments: JSON.stringify({ input: patch }) },
      ],
      pieces: 4,
    }));
    const body = fixture('exec-apply-patch-custom-turn2');
    const tools = [...body.tools, { type: 'namespace', name: 'multi_agent_v1', tools: [{ type: 'function', name: 'close_agent', parameters: { type: 'object' } }] }];
    const items = doneItems(await respond({ ...body, tools }));
    expect(items[0]).toMatchObject({ type: 'function_call', name: 'exec_command', arguments: '{"cmd":"echo hi"}' });
    expect(items[0].call_id).toMatch(/^call_fake/);
    expect(items[1]).toMatchObject({ type: 'function_call', name: 'close_agent', namespace: 'multi_agent_v1', arguments: '{"target":"agent-1"}' });
    expect(items[2]).toMatchObject({ type: 'custom_tool_call', name: 'apply_patch', input: patch });

    const declared = running.server.requestsTo('/chat/completions')[0]!.body.tools;
    const names = declared.map((tool: any) => tool.function.name);
    expect(names).toContain('multi_agent_v1__close_agent');
    expect(names).not.toContain('web_search');
    const applyPatch = declared.find((tool: any) => tool.function.name === 'apply_patch');
    expect(Object.keys(applyPatch.function.parameters.properties)).toEqual(['input']);
  });

  it('replays calls and their outputs as assistant tool_calls and tool messages, paired by call id', async () => {
    running = await startOpenAITestProxy();
    await respond(fixture('exec-tool-turn2'));
    const messages = running.server.requestsTo('/chat/completions')[0]!.body.messages;
    const call = messages.find((message: any) => message.tool_calls);
    const output = messages.find((message: any) => message.role === 'tool');
    expect(call.tool_calls[0]).toMatchObject({ type: 'function', function: { name: 'exec_command' } });
    expect(typeof call.tool_calls[0].function.arguments).toBe('string');
    expect(output.tool_call_id).toBe(call.tool_calls[0].id);
    expect(messages.indexOf(output)).toBe(messages.indexOf(call) + 1);
  });

  it('ends a stream the server cut off with response.failed, which Codex retries', async () => {
    running = await startOpenAITestProxy();
    running.server.setScript(() => ({ kind: 'drop', text: 'one two three four', afterFrames: 3 }));
    const events = await respond({ model: 'qwen3', input: 'hi', stream: true });
    const failed = events.at(-1)!;
    expect(failed.type).toBe('response.failed');
    expect(failed.response.error.code).toBe('server_error');
    expect(failed.response.error.message).toContain('"lmstudio"');
  });

  it('fails with a non-retryable code when the server rejects the model', async () => {
    running = await startOpenAITestProxy();
    const events = await respond({ model: 'absent', input: 'hi', stream: true });
    const failed = events.at(-1)!;
    expect(failed.type).toBe('response.failed');
    expect(failed.response.error.code).toBe('invalid_prompt');
    expect(failed.response.error.message).toContain('absent');
  });
});

describe('/v1/responses forwarded to a server that has it (responses: true)', () => {
  it('sends the request as Codex wrote it and passes the server\'s events on', async () => {
    running = await startOpenAITestProxy({ fake: { responses: { text: 'native responses' } }, backend: { responses: true } });
    const body = fixture('exec-text-turn1');
    const events = await respond(body);
    expect(events.map((event) => event.type)).toEqual([
      'response.created',
      'response.output_item.added',
      'response.output_text.delta',
      'response.output_item.done',
      'response.completed',
    ]);
    expect(doneItems(events)[0].content[0].text).toBe('native responses');
    expect(running.server.requestsTo('/responses')[0]!.body).toEqual({ ...body, stream: true });
    expect(running.server.requestsTo('/chat/completions')).toHaveLength(0);
  });

  it('folds the forwarded events into one object for stream: false', async () => {
    running = await startOpenAITestProxy({ fake: { responses: { text: 'folded' } }, backend: { responses: true } });
    const response = await fetch(`${running.proxy.baseUrl}/responses`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ model: 'qwen3', input: 'hi', stream: false }),
    });
    const body = await response.json();
    expect(body.status).toBe('completed');
    expect(body.output[0].content[0].text).toBe('folded');
  });
});

// The bench floor: the least a translating /v1/responses → /api/chat proxy can do, in its own process.
// No validation, no context, no token estimate, no tool mapping beyond the shape; only node:http,
// JSON and string building. codex-ctx's added time is read against this one's in the same run.
import http from 'node:http';
import { randomUUID } from 'node:crypto';

const upstream = new URL(process.argv[2]);
const agent = new http.Agent({ keepAlive: true });
const id = (prefix) => `${prefix}_${randomUUID().replaceAll('-', '')}`;
const textOf = (content) => (typeof content === 'string' ? content : content.map((part) => part.text ?? '').join(''));

function toOllama(request) {
  const messages = request.instructions ? [{ role: 'system', content: request.instructions }] : [];
  for (const item of request.input) {
    if (item.type === 'message') messages.push({ role: item.role === 'developer' ? 'system' : item.role, content: textOf(item.content) });
  }
  const tools = (request.tools ?? [])
    .filter((tool) => tool.type === 'function')
    .map((tool) => ({ type: 'function', function: { name: tool.name, description: tool.description, parameters: tool.parameters } }));
  return { model: request.model, messages, tools, stream: true, options: { num_ctx: 32768 } };
}

const frame = (event) => `event: ${event.type}\ndata: ${JSON.stringify(event)}\n\n`;

const server = http.createServer((req, res) => {
  const chunks = [];
  req.on('data', (chunk) => chunks.push(chunk));
  req.on('end', () => {
    const request = JSON.parse(Buffer.concat(chunks).toString('utf8'));
    const payload = JSON.stringify(toOllama(request));
    const response = { id: id('resp'), object: 'response', created_at: Math.floor(Date.now() / 1000), status: 'in_progress', model: request.model, output: [] };
    const itemId = id('msg');
    let sequence = 0;
    let text = '';
    let opened = false;
    let pending = '';
    const forward = http.request(
      { host: upstream.hostname, port: upstream.port, path: '/api/chat', method: 'POST', agent, headers: { 'content-type': 'application/json', 'content-length': Buffer.byteLength(payload) } },
      (answer) => {
        res.writeHead(200, { 'content-type': 'text/event-stream; charset=utf-8', 'cache-control': 'no-cache' });
        let out = frame({ type: 'response.created', sequence_number: sequence++, response }) + frame({ type: 'response.in_progress', sequence_number: sequence++, response });
        answer.setEncoding('utf8');
        answer.on('data', (data) => {
          const lines = (pending + data).split('\n');
          pending = lines.pop();
          for (const line of lines) {
            if (!line) continue;
            const chunk = JSON.parse(line);
            const delta = chunk.message?.content;
            if (delta) {
              if (!opened) {
                opened = true;
                out += frame({ type: 'response.output_item.added', sequence_number: sequence++, output_index: 0, item: { id: itemId, type: 'message', status: 'in_progress', role: 'assistant', content: [] } });
                out += frame({ type: 'response.content_part.added', sequence_number: sequence++, item_id: itemId, output_index: 0, content_index: 0, part: { type: 'output_text', text: '', annotations: [] } });
              }
              text += delta;
              out += frame({ type: 'response.output_text.delta', sequence_number: sequence++, item_id: itemId, output_index: 0, content_index: 0, delta, logprobs: [] });
            }
            if (chunk.done) {
              const part = { type: 'output_text', text, annotations: [] };
              const item = { id: itemId, type: 'message', status: 'completed', role: 'assistant', content: [part] };
              out += frame({ type: 'response.output_text.done', sequence_number: sequence++, item_id: itemId, output_index: 0, content_index: 0, text, logprobs: [] });
              out += frame({ type: 'response.content_part.done', sequence_number: sequence++, item_id: itemId, output_index: 0, content_index: 0, part });
              out += frame({ type: 'response.output_item.done', sequence_number: sequence++, output_index: 0, item });
              const usage = { input_tokens: chunk.prompt_eval_count ?? 0, output_tokens: chunk.eval_count ?? 0 };
              out += frame({ type: 'response.completed', sequence_number: sequence++, response: { ...response, status: 'completed', output: [item], usage } });
            }
          }
          if (out) res.write(out);
          out = '';
        });
        answer.on('end', () => res.end());
      },
    );
    forward.end(payload);
  });
});
server.listen(0, '127.0.0.1', () => process.stdout.write(`http://127.0.0.1:${server.address().port}\n`));
process.on('SIGTERM', () => process.exit(0));

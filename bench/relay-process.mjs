// A zero-work HTTP relay (forwards the body to Ollama's /api/chat and pipes the answer back), in its
// own process: the floor any proxy in front of Ollama pays, to compare codex-ctx against.
import http from 'node:http';

const upstream = new URL(process.argv[2]);
const agent = new http.Agent({ keepAlive: true });
const server = http.createServer((req, res) => {
  const forward = http.request(
    { host: upstream.hostname, port: upstream.port, path: '/api/chat', method: 'POST', agent, headers: { 'content-type': 'application/json' } },
    (answer) => {
      res.writeHead(answer.statusCode ?? 502, answer.headers);
      answer.pipe(res);
    },
  );
  req.pipe(forward);
});
server.listen(0, '127.0.0.1', () => process.stdout.write(`http://127.0.0.1:${server.address().port}\n`));
process.on('SIGTERM', () => process.exit(0));

import { readdirSync, readFileSync, statSync } from 'node:fs';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { join, relative } from 'node:path';

/**
 * A SmartGPT Bridge double that follows shared/spec/smartgpt-bridge.md: the three route dialects,
 * static-token auth (401 `{"ok":false,"error":"unauthorized"}`), grep and symbols over a real directory,
 * scripted semantic results, per-route error injection (403/500/429 + retry-after) and delays, and a
 * record of every request it received.
 */
export type FakeBridgeRoute = 'grep' | 'search' | 'symbolsIndex' | 'symbolsFind' | 'filesView' | 'authMe';
export type FakeBridgeDialect = 'root' | 'v0' | 'v1';

export interface RecordedBridgeRequest {
  method: string;
  path: string;
  route: FakeBridgeRoute | undefined;
  headers: Record<string, string>;
  body: unknown;
  receivedAt: number;
}

export interface SemanticResult {
  path: string;
  startLine: number;
  endLine: number;
  score: number | null;
  text?: string;
  chunkIndex?: number;
}

export interface FakeBridgeOptions {
  /** Expected static token; undefined accepts any request. */
  token?: string | undefined;
  /** Dialects served; default all three. */
  dialects?: FakeBridgeDialect[];
  /** Directory grep, symbols and files/view read. */
  repoRoot?: string | undefined;
  /** Semantic search answer for a query; default none. */
  search?: (query: string) => SemanticResult[];
}

export interface InjectedError {
  status: number;
  /** Value of the retry-after header (429). */
  retryAfter?: string | undefined;
  body?: unknown;
  /** How many requests fail before the route recovers (default: all). */
  times?: number | undefined;
}

export interface FakeBridge {
  url: string;
  requests: RecordedBridgeRequest[];
  setError(route: FakeBridgeRoute, error: InjectedError | undefined): void;
  setDelay(route: FakeBridgeRoute, milliseconds: number): void;
  close(): Promise<void>;
}

const ROUTES: Record<FakeBridgeDialect, Array<[string, string, FakeBridgeRoute]>> = {
  root: [
    ['POST', '/grep', 'grep'],
    ['POST', '/search', 'search'],
    ['POST', '/symbols/index', 'symbolsIndex'],
    ['POST', '/symbols/find', 'symbolsFind'],
    ['GET', '/files/view', 'filesView'],
  ],
  v0: [
    ['POST', '/v0/grep', 'grep'],
    ['POST', '/v0/search', 'search'],
    ['POST', '/v0/symbols/index', 'symbolsIndex'],
    ['POST', '/v0/symbols/find', 'symbolsFind'],
    ['GET', '/v0/files/view', 'filesView'],
  ],
  v1: [
    ['POST', '/v1/search/code', 'grep'],
    ['POST', '/v1/search/semantic', 'search'],
  ],
};

interface FakeSymbol {
  path: string;
  name: string;
  kind: string;
  startLine: number;
  endLine: number;
  signature: string;
}

function listFiles(root: string): string[] {
  const files: string[] = [];
  const walk = (directory: string) => {
    for (const entry of readdirSync(directory)) {
      if (entry === '.git' || entry === 'node_modules') continue;
      const path = join(directory, entry);
      if (statSync(path).isDirectory()) walk(path);
      else files.push(relative(root, path).split('\\').join('/'));
    }
  };
  walk(root);
  return files.sort();
}

/** Like the real bridge: JS/TS definitions only, whole-definition ranges by brace counting. */
function indexSymbols(root: string): FakeSymbol[] {
  const symbols: FakeSymbol[] = [];
  for (const path of listFiles(root).filter((file) => /\.[cm]?[jt]sx?$/.test(file))) {
    const lines = readFileSync(join(root, path), 'utf8').split('\n');
    lines.forEach((line, index) => {
      const match = /^\s*(?:export\s+)?(?:async\s+)?(function|class|interface)\s+([A-Za-z_$][\w$]*)/.exec(line);
      if (!match) return;
      let depth = 0;
      let end = index;
      for (let current = index; current < lines.length; current++) {
        for (const char of lines[current] ?? '') {
          if (char === '{') depth++;
          else if (char === '}') depth--;
        }
        end = current;
        if (depth <= 0 && (lines[current] ?? '').includes('}')) break;
      }
      symbols.push({ path, name: match[2] ?? '', kind: match[1] ?? 'function', startLine: index + 1, endLine: end + 1, signature: line.trim() });
    });
  }
  return symbols;
}

async function readBody(request: IncomingMessage): Promise<unknown> {
  const chunks: Buffer[] = [];
  for await (const chunk of request) chunks.push(chunk as Buffer);
  if (chunks.length === 0) return undefined;
  try {
    return JSON.parse(Buffer.concat(chunks).toString('utf8'));
  } catch {
    return undefined;
  }
}

function send(response: ServerResponse, status: number, body: unknown, headers: Record<string, string> = {}): void {
  response.writeHead(status, { 'content-type': 'application/json', ...headers });
  response.end(JSON.stringify(body));
}

export async function startFakeBridge(options: FakeBridgeOptions = {}): Promise<FakeBridge> {
  const dialects = options.dialects ?? ['root', 'v0', 'v1'];
  const requests: RecordedBridgeRequest[] = [];
  const errors = new Map<FakeBridgeRoute, InjectedError & { used: number }>();
  const delays = new Map<FakeBridgeRoute, number>();
  let symbols: FakeSymbol[] = [];

  const routeOf = (method: string, path: string): { route: FakeBridgeRoute; dialect: FakeBridgeDialect } | undefined => {
    if (method === 'GET' && path === '/auth/me') return { route: 'authMe', dialect: 'root' };
    for (const dialect of dialects) {
      for (const [routeMethod, routePath, route] of ROUTES[dialect]) if (routeMethod === method && routePath === path) return { route, dialect };
    }
    return undefined;
  };

  const server = createServer(async (request, response) => {
    const url = new URL(request.url ?? '/', 'http://127.0.0.1');
    const body = await readBody(request);
    const matched = routeOf(request.method ?? 'GET', url.pathname);
    const headers = Object.fromEntries(Object.entries(request.headers).map(([key, value]) => [key, String(value)]));
    requests.push({ method: request.method ?? 'GET', path: url.pathname, route: matched?.route, headers, body, receivedAt: Date.now() });

    if (options.token !== undefined) {
      const bearer = headers.authorization === `Bearer ${options.token}`;
      const piToken = matched?.dialect !== 'v1' || headers['x-pi-token'] === options.token;
      if (!bearer || !piToken) return send(response, 401, { ok: false, error: 'unauthorized' });
    }
    if (!matched) return send(response, 404, { message: `Route ${request.method}:${url.pathname} not found`, error: 'Not Found', statusCode: 404 });
    const { route, dialect } = matched;

    const delay = delays.get(route) ?? 0;
    if (delay > 0) await new Promise((resolve) => setTimeout(resolve, delay));
    if (response.destroyed) return;

    const error = errors.get(route);
    if (error && (error.times === undefined || error.used < error.times)) {
      error.used++;
      const defaultBody =
        error.status === 500
          ? { statusCode: 500, error: 'Internal Server Error', message: 'Invalid token' }
          : error.status === 403
            ? { ok: false, error: 'Forbidden' }
            : { ok: false, error: 'Too Many Requests' };
      return send(response, error.status, error.body ?? defaultBody, error.retryAfter ? { 'retry-after': error.retryAfter } : {});
    }

    const input = (body ?? {}) as Record<string, unknown>;
    const root = options.repoRoot;
    switch (route) {
      case 'authMe':
        return send(response, 200, { ok: true, user: { id: 'fake' } });
      case 'search': {
        if (typeof input.q !== 'string') return send(response, 400, { statusCode: 400, code: 'FST_ERR_VALIDATION', error: 'Bad Request', message: "body must have required property 'q'" });
        const results = (options.search?.(input.q) ?? []).map((result, index) => ({ id: `${result.path}#${index}`, chunkIndex: index, text: '', ...result }));
        return send(response, 200, dialect === 'v1' ? { results } : { ok: true, results });
      }
      case 'grep': {
        if (typeof input.pattern !== 'string') {
          return send(response, 400, { statusCode: 400, code: 'FST_ERR_VALIDATION', error: 'Bad Request', message: "body must have required property 'pattern'" });
        }
        let regex: RegExp;
        try {
          regex = new RegExp(input.pattern, typeof input.flags === 'string' && input.flags.includes('i') ? 'i' : '');
        } catch (cause) {
          return send(response, 400, { ok: false, error: `rg error: ${String(cause)}` });
        }
        const maxMatches = typeof input.maxMatches === 'number' ? input.maxMatches : 200;
        const context = typeof input.context === 'number' ? input.context : 2;
        const results = [];
        for (const path of root ? listFiles(root) : []) {
          const lines = readFileSync(join(root ?? '', path), 'utf8').split('\n');
          for (const [index, line] of lines.entries()) {
            const found = regex.exec(line);
            if (!found) continue;
            const startLine = Math.max(1, index + 1 - context);
            const endLine = Math.min(lines.length, index + 1 + context);
            results.push({ path, line: index + 1, column: found.index + 1, lineText: line, snippet: lines.slice(startLine - 1, endLine).join('\n'), startLine, endLine });
            if (results.length >= maxMatches) break;
          }
          if (results.length >= maxMatches) break;
        }
        return send(response, 200, dialect === 'v1' ? { results } : { ok: true, results });
      }
      case 'symbolsIndex':
        symbols = root ? indexSymbols(root) : [];
        return send(response, 200, { ok: true, indexed: new Set(symbols.map((symbol) => symbol.path)).size, info: symbols.length });
      case 'symbolsFind': {
        if (typeof input.query !== 'string') return send(response, 400, { statusCode: 400, code: 'FST_ERR_VALIDATION', error: 'Bad Request', message: "body must have required property 'query'" });
        const query = input.query.toLowerCase();
        const limit = typeof input.limit === 'number' ? input.limit : 200;
        const results = symbols
          .filter((symbol) => symbol.name.toLowerCase().includes(query))
          .filter((symbol) => typeof input.kind !== 'string' || symbol.kind === input.kind)
          .filter((symbol) => typeof input.path !== 'string' || symbol.path.includes(input.path))
          .slice(0, limit);
        return send(response, 200, { ok: true, results });
      }
      case 'filesView': {
        const path = url.searchParams.get('path') ?? '';
        try {
          const lines = readFileSync(join(root ?? '', path), 'utf8').split('\n');
          const line = Number(url.searchParams.get('line') ?? 1);
          const context = Number(url.searchParams.get('context') ?? 25);
          const startLine = Math.max(1, line - context);
          const endLine = Math.min(lines.length, line + context);
          return send(response, 200, { ok: true, path, totalLines: lines.length, startLine, endLine, focusLine: line, snippet: lines.slice(startLine - 1, endLine).join('\n') });
        } catch {
          return send(response, 404, { ok: false, error: 'file not found' });
        }
      }
    }
  });

  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    requests,
    setError: (route, error) => (error ? errors.set(route, { ...error, used: 0 }) : errors.delete(route)),
    setDelay: (route, milliseconds) => delays.set(route, milliseconds),
    close: () =>
      new Promise((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

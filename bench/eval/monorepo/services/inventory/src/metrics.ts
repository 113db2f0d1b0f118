import { createServer } from 'node:http';

/**
 * Prometheus metrics on their own port (9464, config/ports.yaml) so scraping never competes with API
 * traffic. Counters only; the histogram of warehouse latency lives in the platform's service mesh.
 */
const counters = { stock_cache_hits_total: 0, stock_cache_misses_total: 0, reservations_expired_total: 0, out_of_stock_total: 0 };

export function countMetric(name: keyof typeof counters, by = 1): void {
  counters[name] += by;
}

export function serveMetrics(port = Number(process.env.METRICS_PORT ?? 9464)): void {
  createServer((_request, response) => {
    const body = Object.entries(counters)
      .map(([name, value]) => `# TYPE inventory_${name} counter\ninventory_${name} ${value}`)
      .join('\n');
    response.writeHead(200, { 'content-type': 'text/plain; version=0.0.4' }).end(`${body}\n`);
  }).listen(port);
}

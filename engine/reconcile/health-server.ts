// The controller's HTTP endpoint: `/healthz` (200 while the loop is alive and its last run succeeded recently
// enough, 503 otherwise) and Prometheus `/metrics`.
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { ReconcileMetrics } from './reconcile-metrics.ts';

export interface HealthSnapshot {
  healthy: boolean;
  body: Record<string, unknown>;
}

export async function startHealthServer(port: number, host: string, metrics: ReconcileMetrics,
  health: () => HealthSnapshot): Promise<{ server: Server; port: number; close(): Promise<void> }> {
  const server = createServer((request, response) => {
    if (request.url === '/healthz') {
      const snapshot = health();
      response.writeHead(snapshot.healthy ? 200 : 503, { 'content-type': 'application/json' });
      return void response.end(`${JSON.stringify(snapshot.body)}\n`);
    }
    if (request.url === '/metrics') {
      metrics.registry.metrics().then((text) => {
        response.writeHead(200, { 'content-type': metrics.registry.contentType });
        response.end(text);
      }, (error: Error) => {
        response.writeHead(500);
        response.end(error.message);
      });
      return;
    }
    response.writeHead(404, { 'content-type': 'text/plain' });
    response.end('not found: try /healthz or /metrics\n');
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, host, resolve);
  });
  return {
    server,
    port: (server.address() as AddressInfo).port,
    close: () => new Promise((resolve) => server.close(() => resolve())),
  };
}

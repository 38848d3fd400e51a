// Prometheus metrics on their own port. Values are read from ProxyStats and the pools at scrape time (collect
// callbacks), so the data path only bumps plain counters. /healthz answers whether this proxy process is up
// and accepting — never whether a database is (a failover must not make Kubernetes restart every proxy).
import { createServer, type Server } from 'node:http';
import { Counter, Gauge, Registry } from 'prom-client';
import type { ProxyContext } from './proxy-context.ts';
import { LATENCY_BUCKETS, type ProxyStats } from './proxy-stats.ts';
import { registerBackendMetrics } from './health/backend-metrics.ts';
import { registerWatchdogMetrics } from './watchdog/watchdog-metrics.ts';

type Reader = (set: (labels: Record<string, string>, value: number) => void) => void;

/** A counter or gauge whose values are read from live state at scrape time. */
function metricFrom(kind: 'counter' | 'gauge', registry: Registry, name: string, help: string, labelNames: string[], read: Reader): void {
  const collect = function (this: Counter | Gauge): void {
    this.reset();
    read((labels, value) => (this instanceof Counter ? this.inc(labels, value) : this.set(labels, value)));
  };
  if (kind === 'counter') new Counter({ name, help, labelNames, registers: [registry], collect });
  else new Gauge({ name, help, labelNames, registers: [registry], collect });
}

const counterFrom = (registry: Registry, name: string, help: string, labels: string[], read: Reader): void =>
  metricFrom('counter', registry, name, help, labels, read);
const gaugeFrom = (registry: Registry, name: string, help: string, labels: string[], read: Reader): void =>
  metricFrom('gauge', registry, name, help, labels, read);

export function buildMetricsRegistry(ctx: ProxyContext): Registry {
  const registry = buildDataPathRegistry(ctx);
  registerBackendMetrics(registry, ctx);
  registerWatchdogMetrics(registry, ctx);
  return registry;
}

/** What one event loop counts (clients, servers, transactions); worker threads' are summed (proxy/workers). */
export function buildDataPathRegistry(ctx: ProxyContext): Registry {
  const registry = new Registry();
  const s = ctx.stats;
  gaugeFrom(registry, 'pgtopo_proxy_client_connections', 'Connected clients by state', ['state'], (set) => {
    const byState = new Map<string, number>([['active', 0], ['idle', 0], ['waiting', 0]]);
    for (const client of ctx.clients) byState.set(client.state, (byState.get(client.state) ?? 0) + 1);
    for (const [state, n] of byState) set({ state }, n);
  });
  gaugeFrom(registry, 'pgtopo_proxy_server_connections', 'Server connections by node and state', ['node', 'state'], (set) => {
    for (const pool of ctx.pools.pools) {
      set({ node: pool.backend.name, state: 'active' }, pool.active);
      set({ node: pool.backend.name, state: 'idle' }, pool.idle.length);
    }
  });
  gaugeFrom(registry, 'pgtopo_proxy_pool_waiting_clients', 'Clients queued for a server connection', ['node'], (set) => {
    for (const pool of ctx.pools.pools) set({ node: pool.backend.name }, pool.waiting);
  });
  counterFrom(registry, 'pgtopo_proxy_pool_waits_total', 'Clients that had to wait for a server connection', ['node'], (set) => {
    for (const pool of ctx.pools.pools) set({ node: pool.backend.name }, pool.waitCount);
    for (const [node, waits] of ctx.pools.forgottenWaits) set({ node }, waits);
  });
  counterFrom(registry, 'pgtopo_proxy_pool_wait_timeouts_total', 'Clients refused after the queue timeout', [], (set) => set({}, s.poolWaitTimeouts));
  gaugeFrom(registry, 'pgtopo_proxy_pinned_clients', 'Clients pinned to one server connection', [], (set) => {
    set({}, [...ctx.clients].filter((c) => c.pinned !== null).length);
  });
  counterFrom(registry, 'pgtopo_proxy_pins_total', 'Sessions pinned, by the statement kind that pinned them', ['reason'], (set) => {
    for (const [reason, n] of s.pins) set({ reason }, n);
  });
  counterFrom(registry, 'pgtopo_proxy_routed_transactions_total', 'Transactions routed, by route and node', ['route', 'node'], (set) => {
    for (const [key, n] of s.routed) {
      const [route, node] = key.split('\0');
      set({ route, node }, n);
    }
  });
  counterFrom(registry, 'pgtopo_proxy_queries_total', 'Queries (Query and Bind messages) forwarded', [], (set) => set({}, s.queries));
  counterFrom(registry, 'pgtopo_proxy_errors_total', 'Errors the proxy itself sent to clients, by SQLSTATE', ['sqlstate'], (set) => {
    for (const [sqlstate, n] of s.errors) set({ sqlstate }, n);
  });
  counterFrom(registry, 'pgtopo_proxy_clients_rejected_total', 'Client logins refused', [], (set) => set({}, s.clientsRejected));
  return registry;
}

const HISTOGRAM = 'pgtopo_proxy_transaction_duration_seconds';

/**
 * The latency histogram in exposition format, rendered from ProxyStats' bucket counts: prom-client's Histogram
 * would cost a label lookup and bucket search per observation on the data path.
 */
export function renderLatencyHistogram(s: Pick<ProxyStats, 'latencyCounts' | 'latencySum' | 'latencyCount'>): string {
  const lines = [
    `# HELP ${HISTOGRAM} Time a client held a server connection per pooled transaction`,
    `# TYPE ${HISTOGRAM} histogram`,
  ];
  let cumulative = 0;
  LATENCY_BUCKETS.forEach((bound, i) => {
    cumulative += s.latencyCounts[i];
    lines.push(`${HISTOGRAM}_bucket{le="${bound}"} ${cumulative}`);
  });
  lines.push(`${HISTOGRAM}_bucket{le="+Inf"} ${s.latencyCount}`, `${HISTOGRAM}_sum ${s.latencySum}`, `${HISTOGRAM}_count ${s.latencyCount}`);
  return `${lines.join('\n')}\n`;
}

export interface MetricsServer {
  readonly port: number;
  close(): Promise<void>;
}

/** /metrics of one event loop: its registry and its latency histogram. */
export function renderProxyMetrics(ctx: ProxyContext): () => Promise<string> {
  const registry = buildMetricsRegistry(ctx);
  return async () => (await registry.metrics()) + renderLatencyHistogram(ctx.stats);
}

export async function startMetricsServer(render: () => Promise<string>, host: string, port: number, isUp: () => boolean): Promise<MetricsServer> {
  const server: Server = createServer((req, res) => {
    if (req.url === '/healthz') {
      const up = isUp();
      res.writeHead(up ? 200 : 503, { 'content-type': 'text/plain' }).end(up ? 'ok\n' : 'shutting down\n');
      return;
    }
    if (req.url !== '/metrics') {
      res.writeHead(404).end();
      return;
    }
    render().then(
      (text) => res.writeHead(200, { 'content-type': Registry.PROMETHEUS_CONTENT_TYPE }).end(text),
      (error: Error) => res.writeHead(500).end(error.message),
    );
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, host, resolve);
  });
  const address = server.address();
  return {
    port: typeof address === 'object' && address ? address.port : port,
    close: () => new Promise((resolve) => {
      server.closeAllConnections();
      server.close(() => resolve());
    }),
  };
}

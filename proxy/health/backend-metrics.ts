// Node states for Prometheus, read from BackendStates at scrape time: status, role, false primaries, lag, the
// time of the last status change, how many failovers this proxy ran and how many it refused.
import { Counter, Gauge, type Registry } from 'prom-client';
import type { ProxyContext } from '../proxy-context.ts';
import { BACKEND_STATUS_METRIC } from './backend-status-metric.ts';

function gauge(registry: Registry, name: string, help: string, labelNames: string[], read: (g: Gauge) => void): void {
  new Gauge({ name, help, labelNames, registers: [registry], collect(this: Gauge) { this.reset(); read(this); } });
}

export function registerBackendMetrics(registry: Registry, ctx: Pick<ProxyContext, 'backends' | 'nodeControl'>): void {
  gauge(registry, BACKEND_STATUS_METRIC, '1 for the node\'s current status and role', ['node', 'status', 'role'], (g) => {
    for (const s of ctx.backends.all) g.set({ node: s.node.name, status: s.node.status, role: s.node.role }, 1);
  });
  gauge(registry, 'pgtopo_proxy_backend_false_primary', '1 when the node is a false primary (fenced)', ['node'], (g) => {
    for (const s of ctx.backends.all) g.set({ node: s.node.name }, s.node.falsePrimary ? 1 : 0);
  });
  gauge(registry, 'pgtopo_proxy_backend_replication_lag_bytes', 'Replay lag behind the primary in bytes', ['node'], (g) => {
    for (const s of ctx.backends.all) if (s.node.lagBytes !== undefined) g.set({ node: s.node.name }, s.node.lagBytes);
  });
  gauge(registry, 'pgtopo_proxy_backend_replication_lag_seconds', 'pg_stat_replication.replay_lag', ['node'], (g) => {
    for (const s of ctx.backends.all) if (s.node.lagMs !== undefined) g.set({ node: s.node.name }, s.node.lagMs / 1000);
  });
  gauge(registry, 'pgtopo_proxy_backend_last_status_change_seconds', 'Unix time of the node\'s last status change', ['node'], (g) => {
    for (const s of ctx.backends.all) g.set({ node: s.node.name }, s.lastStatusChange.getTime() / 1000);
  });
  new Counter({
    name: 'pgtopo_proxy_failovers_total', help: 'Standbys this proxy promoted', registers: [registry],
    collect(this: Counter) { this.reset(); this.inc(ctx.nodeControl?.failovers ?? 0); },
  });
  new Counter({
    name: 'pgtopo_proxy_failovers_refused_total',
    help: 'Failovers that promoted nothing because no standby was known to have every acknowledged commit (sync replication)',
    registers: [registry],
    collect(this: Counter) { this.reset(); this.inc(ctx.nodeControl?.refusedFailovers ?? 0); },
  });
}

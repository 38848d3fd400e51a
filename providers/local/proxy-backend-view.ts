// What a running builtin proxy makes of its backends (up, quarantined, down), read from its /metrics: PostgreSQL may
// look healthy to pgtopo while a proxy still routes around a node, and clients see the proxy's view, not pgtopo's.
// No credentials needed (the admin console would want a password); only proxies with `metricsPort` have it.
import { BACKEND_STATUS_METRIC } from '../../proxy/health/backend-status-metric.ts';

export interface BackendView {
  node: string;
  status: string;
  role: string;
}

const SCRAPE_TIMEOUT_MS = 2000;
// `pgtopo_proxy_backend_status{node="pg0",status="up",role="primary"} 1`: one series per node, value 1.
const STATUS_SERIES = new RegExp(`^${BACKEND_STATUS_METRIC}\\{([^}]*)\\}\\s+1(?:\\s|$)`);
const LABEL = /(\w+)="((?:[^"\\]|\\.)*)"/g;

/** The backends' status lines of a Prometheus text exposition. */
export function backendViewOf(exposition: string): BackendView[] {
  return exposition.split('\n').flatMap((line) => {
    const series = STATUS_SERIES.exec(line);
    if (!series) return [];
    const labels = Object.fromEntries([...series[1].matchAll(LABEL)].map((label) => [label[1], label[2]]));
    return labels.node && labels.status && labels.role ? [{ node: labels.node, status: labels.status, role: labels.role }] : [];
  });
}

/** The proxy's view, or null when its metrics endpoint does not answer in time. */
export async function scrapeBackendView(endpoint: { host: string; port: number }): Promise<BackendView[] | null> {
  try {
    const response = await fetch(`http://${endpoint.host}:${endpoint.port}/metrics`, { signal: AbortSignal.timeout(SCRAPE_TIMEOUT_MS) });
    return response.ok ? backendViewOf(await response.text()) : null;
  } catch {
    return null;
  }
}

/** `pg0 up primary, pg1 quarantined standby`. */
export function describeBackendView(view: readonly BackendView[]): string {
  return view.map((backend) => `${backend.node} ${backend.status} ${backend.role}`).join(', ');
}

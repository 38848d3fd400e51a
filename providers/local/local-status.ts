// `pgtopo status` for local clusters: each instance's role, state and replication lag (one query to the current
// primary per cluster), each proxy's health and address, and which PostgreSQL binaries run them. An unhealthy one
// names its log, the first thing to read at 3 a.m.
import { dirname, isAbsolute, relative } from 'node:path';
import type { ObservedObject, ResourceStatus } from '../provider.ts';
import { scanCluster } from './cluster-members.ts';
import { queryInstance } from './instance-sql.ts';
import { describeBinaries, localRuntime } from './local-runtime.ts';
import { POSTGRES_TYPE } from './postgres-resource.ts';
import { pgInstancePaths } from './pg-instance.ts';
import { logFile, proxyAnswers } from './proxy-process.ts';
import { PROXY_TYPE, proxyMetricsEndpoint } from './proxy-resource.ts';
import { describeBackendView, scrapeBackendView } from './proxy-backend-view.ts';

interface StatusObject {
  address: string;
  type: string;
  object: ObservedObject;
}

export async function localStatus(objects: StatusObject[]): Promise<ResourceStatus[]> {
  const lags = await lagByScope(objects.filter((item) => item.type === POSTGRES_TYPE));
  return Promise.all(objects.map(async (item): Promise<ResourceStatus> => {
    const attributes = item.object.attributes;
    const address = `${String(attributes.host)}:${String(attributes.port)}`;
    if (item.type === POSTGRES_TYPE) {
      const lag = lags.get(String(attributes.dir));
      const healthy = attributes.state === 'running' && attributes.membership === 'in-sync';
      return {
        address: item.address,
        healthy,
        details: {
          role: String(attributes.role), state: String(attributes.state), membership: String(attributes.membership), address,
          lag: attributes.role === 'primary' ? '-' : lag ?? 'not streaming', binaries: describeBinaries(localRuntime().binaries),
          ...logUnless(healthy, pgInstancePaths(String(attributes.dir)).logFile),
        },
      };
    }
    if (item.type === PROXY_TYPE) return proxyStatus(item.address, attributes, address);
    return { address: item.address, healthy: true, details: { role: String(attributes.role_name), admin: String(attributes.admin) } };
  }));
}

/**
 * A proxy is healthy when it accepts connections and, where it serves /metrics, has a primary it routes to: without
 * one its clients cannot write, whatever PostgreSQL's own rows say. Its view of every backend is shown; a standby it
 * routes around is the standby's row's concern, not the proxy's.
 */
async function proxyStatus(address: string, attributes: ObservedObject['attributes'], listen: string): Promise<ResourceStatus> {
  const dir = String(attributes.dir);
  const answers = attributes.state === 'running' && (await proxyAnswers(String(attributes.host), Number(attributes.port)));
  const endpoint = answers ? proxyMetricsEndpoint(dir) : undefined;
  const view = endpoint ? await scrapeBackendView(endpoint) : null;
  const healthy = answers && (view === null || view.some((backend) => backend.role === 'primary' && backend.status === 'up'));
  return {
    address,
    healthy,
    details: {
      engine: String(attributes.engine), state: String(attributes.state), health: answers ? 'accepting connections' : 'down', address: listen,
      ...(view === null ? {} : { backends: describeBackendView(view) }),
      ...logUnless(healthy, logFile(dir)),
    },
  };
}

/** `log`, as a path from the working directory when it is below it. */
function logUnless(healthy: boolean, file: string): Record<string, string> {
  if (healthy) return {};
  const below = relative(process.cwd(), file);
  return { log: below.startsWith('..') || isAbsolute(below) ? file : below };
}

/** Replay lag of every streaming standby, keyed by instance directory; one query per cluster. */
async function lagByScope(instances: StatusObject[]): Promise<Map<string, string>> {
  const lags = new Map<string, string>();
  const scopes = new Set(instances.map((item) => dirname(String(item.object.attributes.dir))));
  for (const scope of scopes) {
    const scan = scanCluster(scope, localRuntime().binaries, localRuntime().user);
    if (!scan.primary?.running) continue;
    const rows = await queryInstance<{ application_name: string; lag_bytes: string | null }>(scan.primary.instance,
      "SELECT application_name, pg_wal_lsn_diff(pg_current_wal_lsn(), replay_lsn) AS lag_bytes FROM pg_stat_replication WHERE state = 'streaming'")
      .catch(() => []);
    for (const member of scan.members) {
      const row = rows.find((candidate) => candidate.application_name === member.instance.name);
      if (row) lags.set(member.dir, `${row.lag_bytes ?? 0} bytes`);
    }
  }
  return lags;
}

// What Pgpool-II 4.3 (Debian's) cannot do of a topology's proxy settings, found before any apply: the proxy tier
// knows both engines, so it says which settings the pgpool2 engine would have to drop. Paths are below the
// cluster's `proxy`.
import type { Cluster, ProxyCommon } from '../schemas/topology.ts';
import { durationMs } from '../schemas/units.ts';
import { tlsBackendMode, tlsClientMode } from '../proxy/config/proxy-defaults.ts';

type Path = Array<string | number>;

export interface PgpoolSettingFinding {
  severity: 'error' | 'warning';
  path: Path;
  message: string;
  hint?: string;
}

interface FindingSink {
  error(path: Path, message: string, hint?: string): void;
  warn(path: Path, message: string, hint?: string): void;
}

function collector(findings: PgpoolSettingFinding[]): FindingSink {
  return {
    error: (path, message, hint) => findings.push({ severity: 'error', path, message, ...(hint ? { hint } : {}) }),
    warn: (path, message, hint) => findings.push({ severity: 'warning', path, message, ...(hint ? { hint } : {}) }),
  };
}

const BUILTIN_ENGINE = 'or use `engine: builtin`';

/**
 * What Pgpool-II 4.3 (Debian's) cannot do. Errors where ignoring the setting would change what clients get
 * (reads from a lagging standby, plaintext to a server, another standby promoted); warnings for capacity knobs
 * Pgpool-II sizes its own way (num_init_children children, one cached connection each).
 */
export function pgpoolUnsupportedSettings(cluster: Cluster): PgpoolSettingFinding[] {
  const findings: PgpoolSettingFinding[] = [];
  const context = collector(findings);
  const proxyPath: Path = [];
  const proxy: ProxyCommon = cluster.proxy ?? {};
  const lb = proxy.loadBalancing;
  if (lb?.delayThresholdByTime !== undefined && durationMs(lb.delayThresholdByTime) > 0) {
    context.error([...proxyPath, 'loadBalancing', 'delayThresholdByTime'], 'Pgpool-II 4.3 has no delay_threshold_by_time (it came in 4.4)',
      `limit the lag in bytes with \`delayThreshold\`, ${BUILTIN_ENGINE}`);
  }
  if ((lb?.redirect?.user?.length ?? 0) > 0) {
    context.error([...proxyPath, 'loadBalancing', 'redirect', 'user'], 'Pgpool-II 4.3 has no user_redirect_preference_list (it came in 4.4)',
      `redirect by \`database\` or \`applicationName\`, ${BUILTIN_ENGINE}`);
  }
  tlsProblems(context, proxy, proxyPath);
  const priority = proxy.failover?.priority;
  if (priority && Object.keys(priority).length > 0 && (cluster.environment !== 'local' || proxy.failover?.failoverCommand !== undefined)) {
    context.error([...proxyPath, 'failover', 'priority'], 'with Pgpool-II, only pgtopo\'s own failover script (local clusters without `failoverCommand`) honours `priority`',
      `choose the standby in your failoverCommand, ${BUILTIN_ENGINE}`);
  }
  const pooling = proxy.pooling;
  const ignored: Array<[string, unknown, string]> = [
    ['maxClientConnections', pooling?.maxClientConnections, 'Pgpool-II serves poolSize clients at once and queues the others'],
    ['maxPools', pooling?.maxPools, 'Pgpool-II has no pool count limit'],
    ['maxServerConnections', pooling?.maxServerConnections, 'Pgpool-II opens at most poolSize server connections per backend'],
    ['queueTimeout', pooling?.queueTimeout, 'Pgpool-II has no timeout for clients waiting for a child process'],
    ['serverIdleTimeout', pooling?.serverIdleTimeout, 'Pgpool-II closes cached connections only by their age (serverLifetime)'],
  ];
  for (const [key, value, why] of ignored) {
    if (value !== undefined) context.warn([...proxyPath, 'pooling', key], `ignored with \`engine: pgpool2\`: ${why}`);
  }
  if (pooling?.mode === 'transaction') {
    context.warn([...proxyPath, 'pooling', 'mode'], 'ignored with `engine: pgpool2`: Pgpool-II lends a server connection for a whole session');
  }
  if (proxy.metricsPort !== undefined && proxy.metricsPort > 0) {
    context.warn([...proxyPath, 'metricsPort'], 'ignored with `engine: pgpool2`: Pgpool-II has no Prometheus endpoint');
  }
  if (proxy.workers !== undefined && proxy.workers !== 1) {
    context.warn([...proxyPath, 'workers'], 'ignored with `engine: pgpool2`: Pgpool-II runs num_init_children processes (poolSize)');
  }
  return findings;
}

/**
 * Pgpool-II's `ssl` switches TLS on both ways, and towards the backends it tries TLS and falls back to plaintext
 * (libpq's prefer) without verifying the host name: `require` and `verify-full` cannot be said, nor TLS for
 * clients with none towards the backends.
 */
function tlsProblems(context: FindingSink, proxy: ProxyCommon, proxyPath: Path): void {
  const tls = proxy.tls;
  if (!tls) return;
  const backend = tlsBackendMode(tls);
  if (backend === 'require' || backend === 'verify-full') {
    context.error([...proxyPath, 'tls', 'backend'], `Pgpool-II 4.3 cannot require TLS to the backends (\`${backend}\`): it falls back to plaintext and does not check host names`,
      `use \`backend: prefer\` and require TLS in PostgreSQL's pg_hba.conf (hostssl), ${BUILTIN_ENGINE}`);
  }
  const client = tlsClientMode(tls);
  if (backend === 'disable' && client !== 'disable') {
    context.error([...proxyPath, 'tls', 'backend'], 'Pgpool-II turns TLS on for clients and backends together: `backend: disable` needs `client: disable`',
      `use \`backend: prefer\`, ${BUILTIN_ENGINE}`);
  }
}

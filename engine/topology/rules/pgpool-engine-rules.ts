import type { Cluster, ProxyCommon } from '../../../schemas/topology.ts';
import { durationMs } from '../../../schemas/units.ts';
import { tlsBackendMode, tlsClientMode } from '../../../proxy/config/proxy-defaults.ts';
import { pgpoolStringProblem } from '../../../proxy/pgpool2/pgpool-value.ts';
import { eachCluster, type Path, type Rule, type RuleContext } from './rule.ts';

/**
 * With `engine: pgpool2` the proxy settings become pgpool.conf strings, which cannot hold everything a topology
 * string can (proxy/pgpool2/pgpool-value.ts): say so where the setting is written, before any apply.
 */
export const pgpoolEngineRules: Rule = (context) => {
  eachCluster(context.topology, (_name, cluster, path) => {
    if (cluster.proxy?.engine !== 'pgpool2') return;
    for (const [value, valuePath] of pgpoolStrings(cluster, [...path, 'proxy'])) {
      const problem = pgpoolStringProblem(value);
      if (problem) context.error(valuePath, `\`${value}\` cannot go into pgpool.conf: ${problem}`, 'leave single quotes out (shell commands can use double quotes)');
    }
    unsupportedSettings(context, cluster, [...path, 'proxy']);
  });
};

const BUILTIN_ENGINE = 'or use `engine: builtin`';

/**
 * What Pgpool-II 4.3 (Debian's) cannot do. Errors where ignoring the setting would change what clients get
 * (reads from a lagging standby, plaintext to a server, another standby promoted); warnings for capacity knobs
 * Pgpool-II sizes its own way (num_init_children children, one cached connection each).
 */
function unsupportedSettings(context: RuleContext, cluster: Cluster, proxyPath: Path): void {
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
}

/**
 * Pgpool-II's `ssl` switches TLS on both ways, and towards the backends it tries TLS and falls back to plaintext
 * (libpq's prefer) without verifying the host name: `require` and `verify-full` cannot be said, nor TLS for
 * clients with none towards the backends.
 */
function tlsProblems(context: RuleContext, proxy: ProxyCommon, proxyPath: Path): void {
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

function pgpoolStrings(cluster: Cluster, proxyPath: Path): Array<[string, Path]> {
  const proxy = cluster.proxy;
  const strings: Array<[string, Path]> = [];
  const add = (value: string | undefined, at: Path): void => {
    if (value !== undefined) strings.push([value, at]);
  };
  add(proxy?.failover?.failoverCommand, [...proxyPath, 'failover', 'failoverCommand']);
  add(proxy?.failover?.followPrimaryCommand, [...proxyPath, 'failover', 'followPrimaryCommand']);
  const lb = proxy?.loadBalancing;
  for (const list of ['writeFunctions', 'readOnlyFunctions', 'primaryRoutingPatterns'] as const) {
    lb?.[list]?.forEach((value, i) => add(value, [...proxyPath, 'loadBalancing', list, i]));
  }
  for (const [kind, rules] of Object.entries(lb?.redirect ?? {})) {
    rules.forEach((rule, i) => add(rule.pattern, [...proxyPath, 'loadBalancing', 'redirect', kind, i, 'pattern']));
  }
  return strings;
}

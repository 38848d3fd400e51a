import type { Cluster, SecretRef, Topology, User } from '../../../schemas/topology.ts';
import { describeProblem, proxyConfigProblems, type ProxyConfigProblem } from '../../../proxy/proxy-config.ts';
import { effectiveFeatures } from '../../features/effective-features.ts';
import { proxyTierConfig } from '../../../proxy-tier/proxy-tier-config.ts';
import { eachCluster, type Path, type Rule } from './rule.ts';

/**
 * Every proxy of every cluster gets a config rendered from the topology, and the proxy refuses a config its own
 * validation rejects (no users, a port past 65535, …). Rendering each one here and running that same validation
 * turns what would fail halfway through an apply — after PostgreSQL was created — into a located validate error.
 */
export const proxyConfigRules: Rule = ({ topology, error, hasError }) => {
  eachCluster(topology, (name, cluster, path) => {
    if (hasError(path) || (!cluster.users && hasError(['users']))) return;
    const reported = new Set<string>();
    for (const problem of clusterProblems(topology, name, cluster)) {
      const key = describeProblem(problem);
      if (reported.has(key)) continue;
      reported.add(key);
      const { at, message, hint } = explain(problem, cluster, path);
      error(at, message, hint);
    }
  });
};

// Secrets are not what this checks, and a fromSecret one cannot be rendered outside Kubernetes: stand-ins suffice.
const STAND_IN: SecretRef = { fromEnv: 'PGTOPO_VALIDATE' };

function clusterProblems(topology: Topology, name: string, cluster: Cluster): ProxyConfigProblem[] {
  const withStandIns: Cluster = cluster.proxy?.monitor?.password
    ? { ...cluster, proxy: { ...cluster.proxy, monitor: { ...cluster.proxy.monitor, password: STAND_IN } } } as Cluster
    : cluster;
  const declared = cluster.users ?? topology.users;
  const users: User[] = (declared ?? []).map((user) => (user.password ? { ...user, password: STAND_IN } : user));
  const features = effectiveFeatures(name, withStandIns);
  const proxy = cluster.proxy ?? {};
  // Discovered backends are known only at run time: a stand-in for them, and nothing checked that names them.
  const discovered = features.backends === null;
  const nodes = features.backends?.map((node) => node.name) ?? ['discovered'];
  const problems = Array.from({ length: features.proxyInstances.value }, (_, index) => {
    const tier = proxyTierConfig({
      clusterName: name, cluster: withStandIns, features, users, index, topologyDir: '/',
      backends: nodes.map((node) => ({ name: node, host: '127.0.0.1', port: 0, role: 'unknown' as const })),
      listen: { host: '127.0.0.1', port: (proxy.port ?? 6432) + index },
      metricsPort: proxy.metricsPort ? proxy.metricsPort + index : null,
    });
    return proxyConfigProblems(tier.config);
  }).flat();
  // Users the schema refused reach the rules as an empty list; the schema has said what is wrong with them.
  const unchecked = [...(discovered ? ['backends', 'healthCheck.nodes', 'failover.priority'] : []), ...(declared?.length === 0 ? ['users'] : [])];
  return problems.filter((problem) => !unchecked.some((prefix) => problem.path === prefix || problem.path.startsWith(`${prefix}.`)));
}

/** Where in the topology a part of the proxy config comes from, by the config's top-level key. */
function topologyPath(problem: ProxyConfigProblem, cluster: Cluster, clusterPath: Path): Path {
  const proxy = [...clusterPath, 'proxy'];
  const [section, field] = problem.path.split('.');
  const pooling: Record<string, string> = {
    size: 'poolSize', maxClientConnections: 'maxClientConnections', maxServerConnections: 'maxServerConnections',
    queueTimeoutMs: 'queueTimeout', idleTimeoutMs: 'serverIdleTimeout', lifetimeMs: 'serverLifetime',
  };
  switch (section) {
    case 'users': return cluster.users ? [...clusterPath, 'users'] : proxy;
    case 'listen': return [...proxy, 'port'];
    case 'metrics': return [...proxy, 'metricsPort'];
    case 'pool': return field && pooling[field] ? [...proxy, 'pooling', pooling[field]] : [...proxy, 'pooling'];
    case 'router': return [...proxy, 'loadBalancing'];
    case 'healthCheck': case 'replicationCheck': {
      const timing: Record<string, string> = { periodMs: 'period', timeoutMs: 'timeout', retries: 'retries', retryDelayMs: 'retryDelay' };
      return field && timing[field] ? [...proxy, section, timing[field]] : [...proxy, section];
    }
    case 'monitor': case 'failover': case 'tls': return [...proxy, section];
    case 'backends': return 'backends' in cluster ? [...clusterPath, 'backends'] : [...clusterPath, 'postgres'];
    default: return section?.startsWith('hba') && cluster.proxy?.hba ? [...proxy, 'hba'] : proxy;
  }
}

function explain(problem: ProxyConfigProblem, cluster: Cluster, clusterPath: Path): { at: Path; message: string; hint?: string } {
  const at = topologyPath(problem, cluster, clusterPath);
  if (problem.path === 'users' && /fewer than 1/.test(problem.message)) {
    return { at, message: 'the proxies have no user to accept: the topology declares no `users`', hint: 'declare at least one user under `users:` (top level, or in this cluster)' };
  }
  return { at, message: `the proxy would refuse its config: ${describeProblem(problem)}`, hint: 'pgtopo renders this from the topology; `pgtopo render --cluster <name>` shows the whole config' };
}

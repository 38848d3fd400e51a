import type { Cluster, Topology } from '../../../schemas/topology.ts';
import { renderedConfigProblems, type RenderedConfigProblem } from '../../../proxy-tier/rendered-config-problems.ts';
import { effectiveFeatures } from '../../features/effective-features.ts';
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
      const key = problem.description;
      if (reported.has(key)) continue;
      reported.add(key);
      const { at, message, hint } = explain(problem, cluster, path);
      error(at, message, hint);
    }
  });
};

function clusterProblems(topology: Topology, name: string, cluster: Cluster): RenderedConfigProblem[] {
  const declared = cluster.users ?? topology.users;
  const features = effectiveFeatures(name, cluster);
  const problems = renderedConfigProblems({ clusterName: name, cluster, features, users: declared ?? [] });
  // Discovered backends are known only at run time: nothing checked that names them.
  const discovered = features.backends === null;
  // Users the schema refused reach the rules as an empty list; the schema has said what is wrong with them.
  const unchecked = [...(discovered ? ['backends', 'healthCheck.nodes', 'failover.priority'] : []), ...(declared?.length === 0 ? ['users'] : [])];
  return problems.filter((problem) => !unchecked.some((prefix) => problem.path === prefix || problem.path.startsWith(`${prefix}.`)));
}

/** Where in the topology a part of the proxy config comes from, by the config's top-level key. */
function topologyPath(problem: RenderedConfigProblem, cluster: Cluster, clusterPath: Path): Path {
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

function explain(problem: RenderedConfigProblem, cluster: Cluster, clusterPath: Path): { at: Path; message: string; hint?: string } {
  const at = topologyPath(problem, cluster, clusterPath);
  if (problem.path === 'users' && /fewer than 1/.test(problem.message)) {
    return { at, message: 'the proxies have no user to accept: the topology declares no `users`', hint: 'declare at least one user under `users:` (top level, or in this cluster)' };
  }
  return { at, message: `the proxy would refuse its config: ${problem.description}`, hint: 'pgtopo renders this from the topology; `pgtopo render --cluster <name>` shows the whole config' };
}

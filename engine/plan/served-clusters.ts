import type { Provider, ProviderRegistry } from '../../providers/provider.ts';
import type { Cluster, Topology } from '../../schemas/topology.ts';

export interface ServedClusters {
  provider: Provider;
  clusters: { name: string; cluster: Cluster }[];
}

/** The topology's clusters grouped by the provider serving their environment; clusters no provider serves are left out. */
export function servedClusters(registry: ProviderRegistry, topology: Topology): ServedClusters[] {
  const byProvider = new Map<Provider, ServedClusters>();
  for (const [name, cluster] of Object.entries<Cluster>(topology.clusters)) {
    const provider = registry.forEnvironment(cluster.environment);
    if (!provider) continue;
    const served = byProvider.get(provider) ?? { provider, clusters: [] };
    served.clusters.push({ name, cluster });
    byProvider.set(provider, served);
  }
  return [...byProvider.values()];
}

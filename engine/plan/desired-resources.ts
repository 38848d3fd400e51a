// Turns a topology into the desired resources of every cluster, through the provider serving its environment.
import type { Topology } from '../../schemas/topology.ts';
import { effectiveFeatures } from '../features/effective-features.ts';
import { isResourceReference, type DesiredResource, type DesiredValue, type ProviderRegistry } from '../../providers/provider.ts';

export interface PlannedResource extends DesiredResource {
  provider: string;
  mode: 'managed' | 'data';
  /** Explicit dependencies plus every resource referenced by an attribute. */
  dependencies: string[];
}

export function expandTopology(topology: Topology, registry: ProviderRegistry, topologyDir?: string): PlannedResource[] {
  const resources: PlannedResource[] = [];
  for (const [clusterName, cluster] of Object.entries(topology.clusters)) {
    const provider = registry.forEnvironment(cluster.environment);
    if (!provider) throw new Error(`cluster ${clusterName}: no provider for environment "${cluster.environment}" is available yet`);
    const users = cluster.users ?? topology.users ?? [];
    for (const desired of provider.expand({ topologyName: topology.name, clusterName, cluster, features: effectiveFeatures(clusterName, cluster), users, topologyDir })) {
      const type = registry.resourceType(provider.name, desired.type);
      const dependencies = new Set([...(desired.dependsOn ?? []), ...referencedAddresses(desired.attributes)]);
      resources.push({ ...desired, provider: provider.name, mode: type.mode, dependencies: [...dependencies].sort() });
    }
  }
  checkAddresses(resources);
  return resources;
}

export function referencedAddresses(value: DesiredValue | Record<string, DesiredValue>): string[] {
  if (isResourceReference(value)) return [value.$ref];
  if (Array.isArray(value)) return value.flatMap((item) => referencedAddresses(item));
  if (value && typeof value === 'object') return Object.values(value).flatMap((item) => referencedAddresses(item as DesiredValue));
  return [];
}

function checkAddresses(resources: PlannedResource[]): void {
  const addresses = new Set<string>();
  for (const resource of resources) {
    if (addresses.has(resource.address)) throw new Error(`two resources share the address ${resource.address}`);
    addresses.add(resource.address);
  }
  for (const resource of resources) {
    const missing = resource.dependencies.find((dependency) => !addresses.has(dependency));
    if (missing) throw new Error(`${resource.address} depends on ${missing}, which the topology does not declare`);
  }
}

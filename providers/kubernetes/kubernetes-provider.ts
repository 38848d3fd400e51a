// The `kubernetes` provider: proxies in front of PostgreSQL run by an operator (CloudNativePG, Zalando, Crunchy
// PGO, KubeDB, EDB), applied to the cluster of the user's kubeconfig by server-side apply as field manager
// `pgtopo`. See proxy-objects.ts for what a cluster becomes and README.md for how drift and pruning work.
import type { KubernetesCluster } from '../../schemas/topology.ts';
import type { ExpandInput, Provider, ProviderFinding, ProviderOutput, RecordedResource, ResourceStatus, ValidatedCluster } from '../provider.ts';
import { appliedObjectType } from './applied-object-type.ts';
import { declaredDatabase } from './declared-database.ts';
import { KubernetesSession } from './kubernetes-session.ts';
import { scopeOf, parseScope } from './kubernetes-scope.ts';
import { proxyObjectName } from './object-name.ts';
import { postgresDataType } from './postgres-discovery.ts';
import { PROXY_KINDS, proxyKinds } from './proxy-kinds.ts';
import { DEFAULT_PROXY_PORT, expandKubernetesCluster } from './proxy-objects.ts';
import { DEFAULT_GRACE, DRAIN_MS, PRE_STOP_SECONDS } from './proxy-pod-spec.ts';
import { durationMs } from '../../schemas/units.ts';

export function kubernetesProvider(): Provider {
  const session = new KubernetesSession();
  const apiOf = (scope: string) => session.api(scope);
  return {
    name: 'kubernetes',
    environments: ['kubernetes'],
    resourceTypes: [
      postgresDataType({ databases: (scope) => session.databases(scope), api: apiOf }),
      ...proxyKinds((namespace, name) => session.declaredReplicas(namespace, name)).map((kind) => appliedObjectType(kind, apiOf)),
    ],
    validate: validateKubernetesClusters,
    configure: async (settings) => session.configure(settings),
    close: async () => session.close(),
    expand(input: ExpandInput) {
      const cluster = input.cluster as KubernetesCluster;
      const database = declaredDatabase(input.clusterName, cluster, input.users);
      // The reads that follow need what was declared: which databases to check, the Deployments' replica counts.
      session.declare(scopeOf(cluster.context, cluster.namespace), database, proxyObjectName(input.topologyName, input.clusterName),
        input.features.proxyInstances.value);
      return expandKubernetesCluster(input, database);
    },
    outputs: proxyServiceAddresses,
    status: async (objects) => objects.map(({ address, type, object }): ResourceStatus => {
      if (type !== PROXY_KINDS.deployment.type) return { address, healthy: true, details: {} };
      const { replicas, ready_replicas: ready, replicas_owner: owner } = object.attributes;
      return {
        address, healthy: Number(ready) >= Number(replicas),
        details: { ready: `${String(ready)}/${String(replicas)}`, ...(owner && owner !== 'pgtopo' ? { scaled_by: String(owner) } : {}) },
      };
    }),
  };
}

/** A stopping pod must get through preStop and the drain before Kubernetes kills it, or transactions are cut. */
function validateKubernetesClusters(clusters: ValidatedCluster[]): ProviderFinding[] {
  const neededMs = PRE_STOP_SECONDS * 1000 + DRAIN_MS;
  return clusters.flatMap(({ name, cluster }): ProviderFinding[] => {
    const graceMs = durationMs((cluster as KubernetesCluster).proxy?.terminationGracePeriod ?? DEFAULT_GRACE);
    if (graceMs > neededMs) return [];
    return [{
      severity: 'error', path: ['clusters', name, 'proxy', 'terminationGracePeriod'],
      message: `a stopping pod needs ${PRE_STOP_SECONDS}s for its endpoints to go and ${DRAIN_MS / 1000}s to drain transactions; ${graceMs / 1000}s would cut transactions off`,
      hint: `set at least ${Math.ceil(neededMs / 1000) + 5}s`,
    }];
  });
}

/** Where clients connect: each proxy Service's in-cluster address. */
function proxyServiceAddresses(resources: RecordedResource[]): ProviderOutput[] {
  return resources.filter((resource) => resource.type === PROXY_KINDS.service.type).sort((a, b) => a.address.localeCompare(b.address)).map((resource) => {
    const manifest = resource.attributes.manifest as { spec?: { ports?: { port?: number }[] } } | null;
    const port = manifest?.spec?.ports?.[0]?.port ?? DEFAULT_PROXY_PORT;
    const scope = typeof resource.attributes.scope === 'string' ? parseScope(resource.attributes.scope).namespace : '?';
    const name = (resource as RecordedResource & { name?: string }).name ?? resource.address;
    return { name: resource.address, value: `postgresql://${name}.${scope}.svc:${port}/postgres` };
  });
}

// The labels on everything pgtopo creates on Kubernetes: the recommended app.kubernetes.io ones, plus the topology
// and cluster it belongs to. Reads select by the topology label, so objects of other topologies (or made by hand)
// are never seen, never changed and never pruned.
export const TOPOLOGY_LABEL = 'pgtopo.io/topology';
export const CLUSTER_LABEL = 'pgtopo.io/cluster';

export function ownerLabels(topologyName: string, clusterName: string): Record<string, string> {
  return {
    ...selectorLabels(topologyName, clusterName),
    'app.kubernetes.io/managed-by': 'pgtopo',
    [TOPOLOGY_LABEL]: topologyName,
    [CLUSTER_LABEL]: clusterName,
  };
}

/** What the Service, the PodDisruptionBudget and the Deployment select the proxy pods by (never changes). */
export function selectorLabels(topologyName: string, clusterName: string): Record<string, string> {
  return { 'app.kubernetes.io/name': 'pgtopo-proxy', 'app.kubernetes.io/instance': `${topologyName}-${clusterName}` };
}

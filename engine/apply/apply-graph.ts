// The order of apply: creates and updates after what they depend on, deletes before what they depended on
// (reverse order), so a network outlives its servers and a config outlives its proxies.
import { DependencyGraph } from '../graph/dependency-graph.ts';
import type { ResourceChange } from '../plan/plan-model.ts';
import type { State } from '../state/state-format.ts';

export function applyGraph(changes: ResourceChange[], prior: State): DependencyGraph {
  const graph = new DependencyGraph();
  const nodes = new Map(changes.map((change) => [change.address, change]));
  const recorded = new Map(prior.resources.map((resource) => [resource.address, resource.dependencies]));
  for (const change of changes) {
    graph.addNode(change.address);
    if (change.action !== 'delete') {
      for (const dependency of change.dependencies) if (nodes.has(dependency)) graph.addEdge(change.address, dependency);
    }
    // Whatever used an object that is being deleted must be dealt with first.
    for (const dependency of new Set([...change.dependencies, ...(recorded.get(change.address) ?? [])])) {
      if (nodes.get(dependency)?.action === 'delete') graph.addEdge(dependency, change.address);
    }
  }
  return graph;
}

// The steps of apply and their order. A replace is two steps, destroy then create, so Terraform's rule holds:
// creates and updates run after what they depend on; destroys run before the destroys of what they depended on
// (reverse order) — a network outlives its servers, and a replaced network's servers are gone before it goes.
// A provider may order the replacements of a group further (ResourceType.replacementOrder): rolling, or every old
// object gone before any new one starts.
import type { ReplacementOrder } from '../../providers/provider.ts';
import { DependencyGraph } from '../graph/dependency-graph.ts';
import type { ResourceChange } from '../plan/plan-model.ts';
import type { ReplacementOrderOf } from '../plan/replacement-order.ts';
import type { State } from '../state/state-format.ts';


export interface ApplyStep {
  key: string;
  change: ResourceChange;
  phase: 'destroy' | 'create' | 'update';
}

export function destroyStepKey(address: string): string {
  return `${address} (destroy)`;
}

export function applySteps(changes: ResourceChange[], prior: State, replacementOrderOf: ReplacementOrderOf = () => undefined):
  { graph: DependencyGraph; steps: Map<string, ApplyStep> } {
  const steps = new Map<string, ApplyStep>();
  const destroyOf = new Map<string, string>();
  for (const change of changes) {
    if (change.action === 'delete' || change.action === 'replace') {
      const key = change.action === 'delete' ? change.address : destroyStepKey(change.address);
      steps.set(key, { key, change, phase: 'destroy' });
      destroyOf.set(change.address, key);
    }
    if (change.action !== 'delete') {
      steps.set(change.address, { key: change.address, change, phase: change.action === 'update' ? 'update' : 'create' });
    }
  }
  const graph = new DependencyGraph();
  const preferred: [string, string][] = [];
  const recorded = new Map(prior.resources.map((resource) => [resource.address, resource.dependencies]));
  for (const step of steps.values()) {
    graph.addNode(step.key);
    const { change } = step;
    if (step.phase !== 'destroy') {
      for (const dependency of change.dependencies) {
        if (steps.get(dependency)?.phase !== 'destroy' && steps.has(dependency)) graph.addEdge(step.key, dependency);
      }
      if (step.phase === 'create' && destroyOf.has(change.address)) graph.addEdge(step.key, destroyOf.get(change.address)!);
    }
    // Whatever used an object must be destroyed before it; an object that is only updated to stop using it
    // should let go first too, unless that update itself waits on this destroy (then it cannot).
    for (const dependency of new Set([...(recorded.get(change.address) ?? []), ...change.dependencies])) {
      const destroy = destroyOf.get(dependency);
      if (!destroy) continue;
      if (step.phase === 'destroy') graph.addEdge(destroy, step.key);
      else if (steps.get(dependency)!.change.action === 'delete' && !change.dependencies.includes(dependency)) preferred.push([destroy, step.key]);
    }
  }
  for (const [destroy, user] of preferred) if (!graph.waitsFor(user, destroy)) graph.addEdge(destroy, user);
  orderReplacements(graph, changes.filter((change) => change.action === 'replace'), replacementOrderOf);
  return { graph, steps };
}

function orderReplacements(graph: DependencyGraph, replaced: ResourceChange[], replacementOrderOf: ReplacementOrderOf): void {
  const groups = new Map<string, { order: ReplacementOrder['order']; addresses: string[] }>();
  for (const change of replaced) {
    const wanted = replacementOrderOf(change);
    if (!wanted) continue;
    const group = groups.get(wanted.group) ?? { order: wanted.order, addresses: [] };
    if (wanted.order === 'all-destroyed-first') group.order = wanted.order;
    group.addresses.push(change.address);
    groups.set(wanted.group, group);
  }
  for (const { order, addresses } of groups.values()) {
    addresses.sort((a, b) => a.localeCompare(b, 'en', { numeric: true }));
    if (order === 'rolling') rollReplacements(graph, addresses);
    else destroyAllBeforeAnyCreate(graph, addresses);
  }
}

/** Each next object is destroyed once the previous one's replacement exists, unless its dependencies forbid it. */
function rollReplacements(graph: DependencyGraph, addresses: string[]): void {
  for (let index = 1; index < addresses.length; index++) {
    const previous = addresses[index - 1]!;
    const destroy = destroyStepKey(addresses[index]!);
    if (!graph.waitsFor(previous, destroy)) graph.addEdge(destroy, previous);
  }
}

/** A safety order, so it holds or apply refuses: never run with a replacement that had to start early. */
function destroyAllBeforeAnyCreate(graph: DependencyGraph, addresses: string[]): void {
  for (const created of addresses) {
    for (const other of addresses) {
      const destroy = destroyStepKey(other);
      if (graph.waitsFor(destroy, created)) {
        throw new Error(`cannot replace ${addresses.join(', ')} safely: every one must be destroyed before any is created, but ${destroyStepKey(other)} waits for ${created}`);
      }
      graph.addEdge(created, destroy);
    }
  }
}

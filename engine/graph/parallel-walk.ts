// Walks a dependency graph running at most `parallelism` nodes at once. A failed node's dependents are skipped;
// independent work goes on. After `stopped()` turns true nothing new starts, and in-flight nodes are awaited.
import type { DependencyGraph } from './dependency-graph.ts';

export type WalkOutcome =
  | { status: 'done' }
  | { status: 'failed'; error: Error }
  | { status: 'skipped'; reason: string };

export interface WalkOptions {
  parallelism: number;
  /** When it returns true no further node starts (Ctrl-C); the walk still awaits those in flight. */
  stopped?: () => boolean;
}

export async function walkGraph(
  graph: DependencyGraph,
  visit: (key: string) => Promise<void>,
  options: WalkOptions,
): Promise<Map<string, WalkOutcome>> {
  const order = graph.topologicalOrder(); // fails fast with the cycle before anything runs
  const limit = Math.max(1, Math.floor(options.parallelism));
  const outcomes = new Map<string, WalkOutcome>();
  const remaining = new Map(order.map((key) => [key, graph.dependenciesOf(key).length]));
  const dependents = reverseEdges(graph, order);
  const ready = order.filter((key) => remaining.get(key) === 0);
  const running = new Map<string, Promise<void>>();

  const skipDependents = (key: string): void => {
    for (const dependent of dependents.get(key) ?? []) {
      if (outcomes.has(dependent)) continue;
      outcomes.set(dependent, { status: 'skipped', reason: `dependency ${key} did not complete` });
      skipDependents(dependent);
    }
  };
  const finish = (key: string, outcome: WalkOutcome): void => {
    outcomes.set(key, outcome);
    running.delete(key);
    if (outcome.status !== 'done') return skipDependents(key);
    for (const dependent of dependents.get(key) ?? []) {
      const left = remaining.get(dependent)! - 1;
      remaining.set(dependent, left);
      if (left === 0 && !outcomes.has(dependent)) ready.push(dependent);
    }
  };

  for (;;) {
    while (ready.length > 0 && running.size < limit && !options.stopped?.()) {
      const key = ready.shift()!;
      running.set(key, visit(key).then(
        () => finish(key, { status: 'done' }),
        (error: unknown) => finish(key, { status: 'failed', error: error instanceof Error ? error : new Error(String(error)) }),
      ));
    }
    if (running.size === 0) break;
    await Promise.race(running.values());
  }
  for (const key of order) {
    if (!outcomes.has(key)) outcomes.set(key, { status: 'skipped', reason: 'interrupted before it started' });
  }
  return outcomes;
}

function reverseEdges(graph: DependencyGraph, order: string[]): Map<string, string[]> {
  const dependents = new Map<string, string[]>();
  for (const key of order) {
    for (const dependency of graph.dependenciesOf(key)) {
      const list = dependents.get(dependency) ?? [];
      list.push(key);
      dependents.set(dependency, list);
    }
  }
  return dependents;
}

// A directed graph of nodes keyed by address: an edge `a -> b` means a must wait for b.

export class DependencyCycleError extends Error {
  readonly cycle: string[];
  constructor(cycle: string[]) {
    super(`dependency cycle: ${cycle.join(' -> ')}`);
    this.cycle = cycle;
  }
}

export class DependencyGraph {
  readonly #waitsFor = new Map<string, Set<string>>();

  addNode(key: string): void {
    if (!this.#waitsFor.has(key)) this.#waitsFor.set(key, new Set());
  }

  /** `key` runs only after `dependency` finished. Edges to unknown nodes are ignored at walk time. */
  addEdge(key: string, dependency: string): void {
    this.addNode(key);
    if (key !== dependency) this.#waitsFor.get(key)!.add(dependency);
  }

  has(key: string): boolean {
    return this.#waitsFor.has(key);
  }

  nodes(): string[] {
    return [...this.#waitsFor.keys()];
  }

  /** Dependencies of `key` that are nodes of this graph. */
  dependenciesOf(key: string): string[] {
    return [...(this.#waitsFor.get(key) ?? [])].filter((dependency) => this.#waitsFor.has(dependency));
  }

  /** Nodes in dependency order (dependencies first); throws DependencyCycleError naming the cycle. */
  topologicalOrder(): string[] {
    const order: string[] = [];
    const state = new Map<string, 'visiting' | 'done'>();
    const visit = (key: string, path: string[]): void => {
      const seen = state.get(key);
      if (seen === 'done') return;
      if (seen === 'visiting') throw new DependencyCycleError([...path.slice(path.indexOf(key)), key]);
      state.set(key, 'visiting');
      for (const dependency of [...this.dependenciesOf(key)].sort()) visit(dependency, [...path, key]);
      state.set(key, 'done');
      order.push(key);
    };
    for (const key of [...this.#waitsFor.keys()].sort()) visit(key, []);
    return order;
  }

  /** Whether `key` (transitively) waits for `target`: adding `target -> key` would then close a cycle. */
  waitsFor(key: string, target: string): boolean {
    const seen = new Set<string>();
    const pending = [key];
    while (pending.length > 0) {
      const current = pending.pop()!;
      if (current === target) return true;
      if (seen.has(current)) continue;
      seen.add(current);
      pending.push(...(this.#waitsFor.get(current) ?? []));
    }
    return false;
  }

  /** `keys` plus everything they (transitively) depend on: what `--target` selects. */
  withDependencies(keys: Iterable<string>): Set<string> {
    const selected = new Set<string>();
    const pending = [...keys];
    while (pending.length > 0) {
      const current = pending.pop()!;
      if (selected.has(current)) continue;
      selected.add(current);
      pending.push(...this.dependenciesOf(current));
    }
    return selected;
  }
}

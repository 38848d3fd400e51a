import type { Cluster, Topology } from '../../../schemas/topology.ts';

export type Path = Array<string | number>;

/** What a semantic rule sees: the schema-valid topology and a way to report findings at a document path. */
export interface RuleContext {
  topology: Topology;
  error(path: Path, message: string, hint?: string): void;
  warn(path: Path, message: string, hint?: string): void;
  /** Whether an earlier rule reported an error at `path` or inside it. */
  hasError(path: Path): boolean;
}

export type Rule = (context: RuleContext) => void;

/** Calls `visit` for every cluster with the path of that cluster. */
export function eachCluster(topology: Topology, visit: (name: string, cluster: Cluster, path: Path) => void): void {
  for (const [name, cluster] of Object.entries(topology.clusters)) visit(name, cluster, ['clusters', name]);
}

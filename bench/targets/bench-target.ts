// One thing pgbench can be pointed at: PostgreSQL directly, or a proxy in front of the bench cluster. Each
// target is started once per benchmark and stays up for all its runs.
import type { BenchCluster } from '../bench-cluster.ts';
import type { WorkloadName } from '../workloads.ts';

// `builtin` load-balances over the primary and the standby, as Pgpool-II does; `builtin-primary` pools to the
// primary only, as PgBouncer does. Each is compared with the pooler doing the same job. `builtin-primary-w2`
// is `builtin-primary` with two workers: what a second core buys. `node-pipe` copies bytes and nothing else: the
// floor of any proxy on Node's event loop.
export type TargetName = 'direct' | 'builtin' | 'builtin-primary' | 'builtin-primary-w2' | 'node-pipe' | 'pgbouncer' | 'pgpool';

export const TARGET_NAMES: readonly TargetName[] = [
  'direct', 'builtin', 'builtin-primary', 'builtin-primary-w2', 'node-pipe', 'pgbouncer', 'pgpool',
];

export interface TargetContext {
  cluster: BenchCluster;
  /** A directory owned by the database OS user for this target's config, logs and sockets. */
  workDir: string;
  /** Concurrent pgbench clients; pools are sized so no client waits for a server connection. */
  clients: number;
  /** Worker processes for the builtin proxy (`pgtopo proxy --workers`); other targets ignore it. */
  proxyWorkers: number;
  /** Client connections the pooler must accept (default 1000); the idle-client benchmarks hold 10,000. */
  maxClientConnections?: number;
}

export interface RunningTarget {
  host: string;
  port: number;
  /** Root PIDs whose process trees are the proxy (CPU accounting); empty for the direct target. */
  proxyPids(): number[];
  stop(): Promise<void>;
  /** How it was started, when that can vary (the builtin proxy's entry point); recorded in the results. */
  startedWith?: string;
  /** The end of its log, kept with a run that failed (the benchmark's temp dir is removed at the end). */
  logTail?(): Promise<string>;
}

export interface BenchTarget {
  name: TargetName;
  /** What the report calls it. */
  label: string;
  /** Why this target cannot run on this machine (missing binary, proxy not written yet), or undefined. */
  unavailableReason(): string | undefined;
  /** Settings recorded in the results file so runs stay comparable. */
  settings(clients: number): Record<string, unknown>;
  start(context: TargetContext): Promise<RunningTarget>;
  version(): string | undefined;
  /** The throughput workloads it is measured on, where not all of them tell anything about it. */
  workloads?: readonly WorkloadName[];
}

export function measuresWorkload(target: BenchTarget, workload: WorkloadName): boolean {
  return target.workloads === undefined || target.workloads.includes(workload);
}

// The pgbench workloads every target runs with identical settings.

export type WorkloadName = 'select-simple' | 'select-extended' | 'select-prepared' | 'tpcb' | 'churn';

export interface Workload {
  name: WorkloadName;
  description: string;
  /** pgbench arguments that define the workload (clients, duration and target are added per run). */
  pgbenchArgs: string[];
}

export const WORKLOADS: readonly Workload[] = [
  { name: 'select-simple', description: 'select-only, simple protocol', pgbenchArgs: ['-S', '-M', 'simple'] },
  { name: 'select-extended', description: 'select-only, extended protocol', pgbenchArgs: ['-S', '-M', 'extended'] },
  { name: 'select-prepared', description: 'select-only, named prepared statements', pgbenchArgs: ['-S', '-M', 'prepared'] },
  { name: 'tpcb', description: 'TPC-B-like read/write mix', pgbenchArgs: ['-M', 'simple'] },
  { name: 'churn', description: 'select-only, new connection per transaction (-C)', pgbenchArgs: ['-S', '-C', '-M', 'simple'] },
];

export const WORKLOAD_NAMES: readonly WorkloadName[] = WORKLOADS.map((workload) => workload.name);

export function workloadNamed(name: WorkloadName): Workload {
  return WORKLOADS.find((workload) => workload.name === name)!;
}

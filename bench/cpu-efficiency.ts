// The efficiency figure of issue 18: the builtin proxy's CPU per transaction against PgBouncer's, both pooling
// to the primary, on the same runs as the throughput table. CPU per transaction is steadier than TPS on a
// shared machine, because a busy neighbour slows both the work and the clock it is measured against.
import { ratio, type TargetSummary } from './report-math.ts';
import type { TargetName } from './targets/bench-target.ts';
import type { WorkloadName } from './workloads.ts';

/** Targets per workload: ≤ 1.15× PgBouncer per transaction; a login (`churn`, `pgbench -C`) ≤ 2×. */
export const CPU_TARGETS: Partial<Record<WorkloadName, number>> = {
  'select-simple': 1.15,
  'select-extended': 1.15,
  tpcb: 1.15,
  churn: 2,
};

export interface CpuEfficiencyRow {
  workload: WorkloadName;
  /** µs of proxy CPU per transaction (for churn: per connection, since each transaction logs in anew). */
  builtinMicros?: number;
  builtinTwoWorkersMicros?: number;
  pgbouncerMicros?: number;
  /** The bare Node.js byte pipe's: the floor under any Node proxy. */
  nodePipeMicros?: number;
  /** builtin-primary / PgBouncer. */
  ratio?: number;
  twoWorkersRatio?: number;
  /** node-pipe / PgBouncer: the best ratio any Node proxy could show on this machine. */
  nodePipeRatio?: number;
  target: number;
}

/** One row per workload that has a target and a summary of a target compared here. */
export function cpuEfficiencyRows(summaries: readonly TargetSummary[]): CpuEfficiencyRow[] {
  const rows: CpuEfficiencyRow[] = [];
  for (const [workload, target] of Object.entries(CPU_TARGETS) as [WorkloadName, number][]) {
    const micros = (name: TargetName): number | undefined =>
      summaries.find((summary) => summary.workload === workload && summary.target === name)?.proxyCpuMicrosPerTransaction;
    const builtinMicros = micros('builtin-primary');
    const builtinTwoWorkersMicros = micros('builtin-primary-w2');
    const pgbouncerMicros = micros('pgbouncer');
    const nodePipeMicros = micros('node-pipe');
    if ([builtinMicros, builtinTwoWorkersMicros, pgbouncerMicros, nodePipeMicros].every((value) => value === undefined)) continue;
    rows.push({
      workload,
      builtinMicros,
      builtinTwoWorkersMicros,
      pgbouncerMicros,
      nodePipeMicros,
      ratio: ratio(builtinMicros, pgbouncerMicros),
      twoWorkersRatio: ratio(builtinTwoWorkersMicros, pgbouncerMicros),
      nodePipeRatio: ratio(nodePipeMicros, pgbouncerMicros),
      target,
    });
  }
  return rows;
}

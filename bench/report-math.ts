// Turns raw per-run samples into what the report shows: medians per (workload, target) and the builtin
// proxy's throughput ratios against the other targets. Medians, not means: on a noisy 2-core machine one
// disturbed run must not move the result.
import type { TargetName } from './targets/bench-target.ts';
import type { WorkloadName } from './workloads.ts';

export interface Sample {
  workload: WorkloadName;
  target: TargetName;
  round: number;
  ok: boolean;
  /** 1-minute load average just before the run (results file only). */
  loadAverage1m?: number;
  tps?: number;
  latencyMs?: number;
  transactions?: number;
  failedTransactions?: number;
  /** CPU seconds the proxy's process tree used during this run; undefined for the direct target. */
  proxyCpuSeconds?: number;
  /** CPU seconds all PostgreSQL processes (primary and standbys) used during this run. */
  serverCpuSeconds: number;
  /** The standbys' part of serverCpuSeconds: shows whether reads were really load-balanced. */
  standbyCpuSeconds: number;
  /** CPU seconds pgbench itself used (results file only: shows how much of the machine the load generator took). */
  clientCpuSeconds?: number;
  error?: string;
  /** The end of the target's log after a failed run (results file only). */
  targetLogTail?: string;
}

export interface TargetSummary {
  workload: WorkloadName;
  target: TargetName;
  runs: number;
  failedRuns: number;
  medianTps?: number;
  /** (max − min) / median of the runs' TPS: how much the rounds disagreed. */
  tpsSpread?: number;
  medianLatencyMs?: number;
  medianProxyCpuSeconds?: number;
  /** Proxy CPU per transaction, microseconds (median over runs). */
  proxyCpuMicrosPerTransaction?: number;
  medianServerCpuSeconds?: number;
  /** Median share (0–1) of PostgreSQL CPU spent on the standbys. */
  standbyCpuShare?: number;
  /** Distinct errors of the failed runs. */
  errors: string[];
}

/** Median-TPS ratios; `builtin` balances over primary + standby, `builtin-primary` pools to the primary alone. */
export interface RatioRow {
  workload: WorkloadName;
  builtinVsPgbouncer?: number;
  /** The same job on both sides: transaction pooling in front of the primary. */
  builtinPrimaryVsPgbouncer?: number;
  /** The same with two proxy workers: what the second core buys on this machine. */
  builtinPrimaryTwoWorkersVsPgbouncer?: number;
  /** The same job on both sides: pooling and read load balancing over primary + standby. */
  builtinVsPgpool?: number;
  builtinVsDirect?: number;
}

export function median(values: readonly number[]): number | undefined {
  if (values.length === 0) return undefined;
  const sorted = [...values].sort((a, b) => a - b);
  const middle = Math.floor(sorted.length / 2);
  return sorted.length % 2 === 1 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2;
}

function defined(values: readonly (number | undefined)[]): number[] {
  return values.filter((value): value is number => value !== undefined && Number.isFinite(value));
}

function summarizeGroup(workload: WorkloadName, target: TargetName, samples: readonly Sample[]): TargetSummary {
  const ok = samples.filter((sample) => sample.ok);
  const tps = defined(ok.map((sample) => sample.tps));
  const medianTps = median(tps);
  const perTransaction = ok.map((sample) =>
    sample.proxyCpuSeconds !== undefined && sample.transactions ? (sample.proxyCpuSeconds / sample.transactions) * 1e6 : undefined,
  );
  return {
    workload,
    target,
    runs: samples.length,
    failedRuns: samples.length - ok.length,
    medianTps,
    tpsSpread: medianTps ? (Math.max(...tps) - Math.min(...tps)) / medianTps : undefined,
    medianLatencyMs: median(defined(ok.map((sample) => sample.latencyMs))),
    medianProxyCpuSeconds: median(defined(ok.map((sample) => sample.proxyCpuSeconds))),
    proxyCpuMicrosPerTransaction: median(defined(perTransaction)),
    medianServerCpuSeconds: median(defined(ok.map((sample) => sample.serverCpuSeconds))),
    standbyCpuShare: median(defined(ok.map((sample) => ratio(sample.standbyCpuSeconds, sample.serverCpuSeconds)))),
    errors: [...new Set(samples.filter((sample) => !sample.ok).map((sample) => sample.error ?? 'unknown error'))],
  };
}

/** One summary per (workload, target) present in `samples`, in first-seen order. */
export function summarize(samples: readonly Sample[]): TargetSummary[] {
  const groups = new Map<string, Sample[]>();
  for (const sample of samples) {
    const key = `${sample.workload}\u0000${sample.target}`;
    groups.set(key, [...(groups.get(key) ?? []), sample]);
  }
  return [...groups.values()].map((group) => summarizeGroup(group[0].workload, group[0].target, group));
}

export function ratio(numerator: number | undefined, denominator: number | undefined): number | undefined {
  if (numerator === undefined || denominator === undefined || denominator === 0) return undefined;
  return numerator / denominator;
}

/** builtin/X median-TPS ratios per workload; undefined where either side has no successful run. */
export function builtinRatios(summaries: readonly TargetSummary[]): RatioRow[] {
  const workloads = [...new Set(summaries.map((summary) => summary.workload))];
  return workloads.map((workload) => {
    const tps = (target: TargetName): number | undefined =>
      summaries.find((summary) => summary.workload === workload && summary.target === target)?.medianTps;
    const builtin = tps('builtin');
    return {
      workload,
      builtinVsPgbouncer: ratio(builtin, tps('pgbouncer')),
      builtinPrimaryVsPgbouncer: ratio(tps('builtin-primary'), tps('pgbouncer')),
      builtinPrimaryTwoWorkersVsPgbouncer: ratio(tps('builtin-primary-w2'), tps('pgbouncer')),
      builtinVsPgpool: ratio(builtin, tps('pgpool')),
      builtinVsDirect: ratio(builtin, tps('direct')),
    };
  });
}

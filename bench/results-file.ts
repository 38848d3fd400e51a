// The machine-readable record of one benchmark run: bench/results/<date>-<host>.json with the machine,
// versions, settings, every raw sample and the medians, so later runs can be compared with this one.
import { existsSync } from 'node:fs';
import { mkdir, writeFile } from 'node:fs/promises';
import { dirname, join, resolve } from 'node:path';
import type { EngineBenchResult } from './engine-bench.ts';
import type { CpuEfficiencyRow } from './cpu-efficiency.ts';
import type { FailoverResult } from './failover-bench.ts';
import type { IdleMemoryResult } from './idle-memory-bench.ts';
import type { ManyClientsResult } from './many-clients-bench.ts';
import type { WatchdogResult } from './watchdog-bench.ts';
import type { MachineInfo } from './machine-info.ts';
import type { RatioRow, Sample, TargetSummary } from './report-math.ts';
import type { TargetName } from './targets/bench-target.ts';

export interface TargetStatus {
  name: TargetName;
  label: string;
  status: 'ran' | 'not available' | 'not selected';
  reason?: string;
  version?: string;
  settings?: Record<string, unknown>;
  startedWith?: string;
}

export interface BenchResults {
  format: 'pgtopo-bench/1';
  startedAt: string;
  finishedAt: string;
  wallSeconds: number;
  command: string;
  machine: MachineInfo;
  versions: Record<string, string | undefined>;
  settings: Record<string, unknown>;
  targets: TargetStatus[];
  samples: Sample[];
  summaries: TargetSummary[];
  ratios: RatioRow[];
  cpuEfficiency: CpuEfficiencyRow[];
  idleMemory: IdleMemoryResult[];
  manyClients: ManyClientsResult[];
  failover: FailoverResult[];
  /** Absent in files from before the watchdog benchmark. */
  watchdog?: WatchdogResult[];
  engine?: EngineBenchResult;
}

export const RESULTS_DIR = resolve(import.meta.dirname, 'results');

/**
 * bench/results/<YYYY-MM-DD>-<host>.json for a run started at `startedAt`, or -2, -3, … after it when that
 * day's earlier runs on the host are there: a later run never overwrites an earlier record.
 */
export function defaultResultsPath(startedAt: Date, host: string, dir = RESULTS_DIR): string {
  const date = startedAt.toISOString().slice(0, 10);
  const base = join(dir, `${date}-${host.replace(/[^A-Za-z0-9.-]/g, '_')}`);
  let path = `${base}.json`;
  for (let run = 2; existsSync(path); run++) path = `${base}-${run}.json`;
  return path;
}

export async function writeResults(path: string, results: BenchResults): Promise<void> {
  await mkdir(dirname(path), { recursive: true });
  await writeFile(path, `${JSON.stringify(results, null, 2)}\n`);
}

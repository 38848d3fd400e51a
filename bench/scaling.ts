// `node bench/scaling.ts` (or `npm run bench:scaling`): how the proxy scales with workers on a machine with
// many cores. TPS and CPU per transaction for the builtin proxy with 1, 2, 4 and 8 workers beside one
// PgBouncer process and PgBouncer with `so_reuseport = 1` × N, pooling to one primary. The proxy (or the
// PgBouncer processes) run on their own cores; PostgreSQL and pgbench are pinned to the others with
// taskset, so adding workers measures the proxy. On a smaller machine the set shrinks to what fits, and the
// report says what was left out. Runs are interleaved and repeated like `npm run bench`.
import { execFileSync } from 'node:child_process';
import { chmod, mkdir, mkdtemp, writeFile } from 'node:fs/promises';
import { readFileSync } from 'node:fs';
import { hostname, loadavg, tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { parseArgs } from 'node:util';
import { startBenchCluster, type BenchCluster } from './bench-cluster.ts';
import { onCleanup, runCleanup, wasInterrupted } from './cleanup-stack.ts';
import { machineInfo, type MachineInfo } from './machine-info.ts';
import { runPgbench } from './pgbench-run.ts';
import { processTreeCpuSeconds, readAllStats, treeMembers } from './process-tree-cpu.ts';
import { median } from './report-math.ts';
import { renderColumns } from './report-table.ts';
import { defaultResultsPath } from './results-file.ts';
import { allowedCpus, formatCpuList, planScaling, type ScalingPlan } from './scaling-plan.ts';
import { startTarget } from './throughput-bench.ts';
import type { BenchTarget, RunningTarget } from './targets/bench-target.ts';
import { builtinPrimaryTarget } from './targets/builtin-proxy-target.ts';
import { pgBouncerTarget } from './targets/pgbouncer-target.ts';
import { WORKLOAD_NAMES, workloadNamed, type WorkloadName } from './workloads.ts';

const USAGE = `Usage: node bench/scaling.ts [options]

  --duration <s>     seconds per pgbench run (default 8)
  --rounds <n>       interleaved repetitions (default 3)
  --clients <n>      pgbench clients (default 16 × the largest worker count)
  --proxy-cores <n>  cores for the proxy (default half the CPUs this process may use)
  --workers <list>   worker counts to run even beyond the proxy's cores (default: 1, 2, 4, 8 as far as they fit)
  --workloads <list> subset of ${WORKLOAD_NAMES.join(', ')} (default select-simple,select-extended)
  --out <file>       results file (default bench/results/<date>-<host>-scaling.json)
`;

const WARM_UP_SECONDS = 3;

interface ScalingEntry {
  target: BenchTarget;
  /** Workers of the proxy, or PgBouncer processes. */
  processes: number;
  running?: RunningTarget;
  reason?: string;
}

interface ScalingSample {
  workload: WorkloadName;
  label: string;
  processes: number;
  round: number;
  /** Other work on the machine shows here: the 1-minute load average just before the run. */
  loadAverage1m: number;
  ok: boolean;
  tps?: number;
  transactions?: number;
  proxyCpuSeconds?: number;
  error?: string;
}

const startedClock = performance.now();
function log(line: string): void {
  process.stderr.write(`[${((performance.now() - startedClock) / 1000).toFixed(0).padStart(4)} s] ${line}\n`);
}

function hasTaskset(): boolean {
  try {
    execFileSync('taskset', ['--version'], { stdio: 'ignore' });
    return true;
  } catch {
    return false;
  }
}

/** Pins every thread of the given processes (and so whatever they fork later) to `cpus`. */
function pin(pids: readonly number[], cpus: readonly number[]): void {
  for (const pid of pids) {
    try {
      execFileSync('taskset', ['-a', '-p', '-c', formatCpuList(cpus), String(pid)], { stdio: 'ignore' });
    } catch {
      // exited meanwhile
    }
  }
}

function treeOf(roots: readonly number[]): number[] {
  return treeMembers(readAllStats(), roots).map((stat) => stat.pid);
}

function entriesFor(plan: ScalingPlan): ScalingEntry[] {
  const entries: ScalingEntry[] = plan.workerCounts.map((workers) => ({ target: builtinPrimaryTarget(workers), processes: workers }));
  entries.push({ target: pgBouncerTarget(), processes: 1 });
  for (const processes of plan.workerCounts.filter((count) => count > 1)) {
    entries.push({ target: pgBouncerTarget({ processes }), processes });
  }
  return entries;
}

async function measure(cluster: BenchCluster, entry: ScalingEntry, args: { clients: number; threads: number; duration: number; workload: string[] }, plan: ScalingPlan) {
  const running = entry.running!;
  pin(treeOf(running.proxyPids()), plan.proxyCpus); // workers forked since the last run
  const before = processTreeCpuSeconds(running.proxyPids());
  const outcome = await runPgbench({
    pgbench: cluster.binaries.tool('pgbench'), host: running.host, port: running.port, user: cluster.role.name,
    password: cluster.role.password, database: cluster.database, clients: args.clients, threads: args.threads,
    durationSeconds: args.duration, workloadArgs: args.workload,
  });
  return { ...outcome, proxyCpuSeconds: processTreeCpuSeconds(running.proxyPids()) - before };
}

function summaryRows(samples: readonly ScalingSample[], entries: readonly ScalingEntry[], workloads: readonly WorkloadName[]): string[][] {
  const rows: string[][] = [];
  for (const workload of workloads) {
    const baseline = median(samples.filter((s) => s.workload === workload && s.label === 'PgBouncer' && s.ok).map((s) => s.tps!));
    for (const entry of entries) {
      const runs = samples.filter((s) => s.workload === workload && s.label === entry.target.label);
      const ok = runs.filter((s) => s.ok);
      const tps = median(ok.map((s) => s.tps!));
      const micros = median(ok.filter((s) => s.transactions).map((s) => (s.proxyCpuSeconds! / s.transactions!) * 1e6));
      rows.push([
        `${workload} / ${entry.target.label}`,
        String(entry.processes),
        entry.reason ? `not run: ${entry.reason}` : tps === undefined ? `FAILED: ${runs[0]?.error ?? ''}` : tps.toFixed(0),
        micros === undefined ? '-' : micros.toFixed(1),
        tps !== undefined && baseline ? `${(tps / baseline).toFixed(2)}x` : '-',
        `${ok.length}/${runs.length}`,
      ]);
    }
  }
  return rows;
}

function parseOptions() {
  const { values } = parseArgs({
    options: {
      duration: { type: 'string' }, rounds: { type: 'string' }, clients: { type: 'string' }, 'proxy-cores': { type: 'string' },
      workloads: { type: 'string' }, workers: { type: 'string' }, out: { type: 'string' }, help: { type: 'boolean', short: 'h' },
    },
  });
  const whole = (name: string, raw: string | undefined, fallback: number | undefined): number | undefined => {
    if (raw === undefined) return fallback;
    const value = Number(raw);
    if (!Number.isInteger(value) || value < 1) throw new Error(`--${name} must be a whole number ≥ 1, got "${raw}"`);
    return value;
  };
  const workloads = (values.workloads ?? 'select-simple,select-extended').split(',').map((name) => name.trim()) as WorkloadName[];
  const unknown = workloads.filter((name) => !WORKLOAD_NAMES.includes(name));
  if (unknown.length > 0) throw new Error(`--workloads: unknown ${unknown.join(', ')}; choose from ${WORKLOAD_NAMES.join(', ')}`);
  return {
    help: values.help ?? false,
    duration: whole('duration', values.duration, 8)!,
    rounds: whole('rounds', values.rounds, 3)!,
    clients: whole('clients', values.clients, undefined),
    proxyCores: whole('proxy-cores', values['proxy-cores'], undefined),
    workers: values.workers?.split(',').map((item) => whole('workers', item.trim(), undefined)!),
    workloads,
    out: values.out,
  };
}

async function startEntries(cluster: BenchCluster, entries: ScalingEntry[], rootDir: string, clients: number, plan: ScalingPlan) {
  for (const [index, entry] of entries.entries()) {
    const reason = entry.target.unavailableReason();
    if (reason) {
      entry.reason = reason;
      continue;
    }
    try {
      entry.running = await startTarget(entry.target, cluster, join(rootDir, `target-${index}`), { clients, proxyWorkers: entry.processes });
      pin(treeOf(entry.running.proxyPids()), plan.proxyCpus);
      log(`${entry.target.label}: started`);
    } catch (error) {
      entry.reason = (error as Error).message.split('\n')[0];
      log(`${entry.target.label}: not available (${entry.reason})`);
    }
  }
}

type RunSettings = ReturnType<typeof parseOptions> & { clients: number; threads: number };

/** A warm-up per target, then every workload round by round over all targets (A B C A B C …). */
async function runRounds(cluster: BenchCluster, runnable: readonly ScalingEntry[], settings: RunSettings, plan: ScalingPlan): Promise<ScalingSample[]> {
  const { clients, threads } = settings;
  for (const entry of runnable) await measure(cluster, entry, { clients, threads, duration: WARM_UP_SECONDS, workload: ['-S', '-M', 'simple'] }, plan);
  const samples: ScalingSample[] = [];
  for (const workload of settings.workloads) {
    for (let round = 1; round <= settings.rounds && !wasInterrupted(); round++) {
      for (const entry of runnable) {
        const loadAverage1m = loadavg()[0];
        const outcome = await measure(cluster, entry, { clients, threads, duration: settings.duration, workload: workloadNamed(workload).pgbenchArgs }, plan);
        samples.push({ workload, label: entry.target.label, processes: entry.processes, round, loadAverage1m, ...outcome });
        log(`[${workload} ${round}/${settings.rounds}] ${entry.target.label}: ${outcome.ok ? `${outcome.tps?.toFixed(0)} tps, proxy CPU ${outcome.proxyCpuSeconds.toFixed(2)} s` : `FAILED: ${outcome.error}`}`);
      }
    }
  }
  return samples;
}

function report(machine: MachineInfo, plan: ScalingPlan, samples: readonly ScalingSample[], entries: readonly ScalingEntry[], settings: RunSettings): string {
  const loads = samples.map((sample) => sample.loadAverage1m);
  const header = [
    `Machine: ${machine.host}, ${machine.cores} CPUs (${machine.cpuModel}); 1-min load average before runs ${Math.min(...loads).toFixed(1)}–${Math.max(...loads).toFixed(1)}`,
    `Proxy CPUs ${formatCpuList(plan.proxyCpus)}; PostgreSQL and pgbench CPUs ${formatCpuList(plan.loadCpus)}; pgbench -c ${settings.clients} -j ${settings.threads} -T ${settings.duration}, ${settings.rounds} rounds`,
    ...plan.notes.map((note) => `Note: ${note}`),
  ];
  const table = renderColumns(['workload / target', 'workers', 'median TPS', 'proxy µs/txn', 'vs 1 PgBouncer', 'runs'], summaryRows(samples, entries, settings.workloads));
  return `\n${header.join('\n')}\n\n${table}\n`;
}

async function main(): Promise<number> {
  let options;
  try {
    options = parseOptions();
  } catch (error) {
    process.stderr.write(`scaling: ${(error as Error).message}\n${USAGE}`);
    return 2;
  }
  if (options.help) {
    process.stdout.write(USAGE);
    return 0;
  }
  const machine = machineInfo(); // before pinning: it counts the CPUs this process may use
  const cpus = allowedCpus(readFileSync('/proc/self/status', 'utf8')) ?? [0];
  const taskset = hasTaskset();
  const plan = planScaling(taskset ? cpus : [cpus[0]], options.proxyCores, options.workers);
  if (!taskset) plan.notes.push('taskset (util-linux) is missing: nothing is pinned');
  const maxWorkers = Math.max(...plan.workerCounts);
  const clients = options.clients ?? 16 * maxWorkers;
  const threads = Math.max(1, Math.min(plan.loadCpus.length, clients));
  // This process, and so PostgreSQL and pgbench which it starts, go to the load CPUs; each proxy is moved to its own.
  if (taskset) pin([process.pid], plan.loadCpus);
  const rootDir = await mkdtemp(join(tmpdir(), 'pgtopo-scaling-'));
  await chmod(rootDir, 0o755);
  onCleanup('temp dir', async () => {}, { dirs: [rootDir] });
  try {
    const cluster = await startBenchCluster({
      rootDir: join(rootDir, 'cluster'), standbys: 0, pgbenchScale: 10, maxConnections: clients * maxWorkers + 50, log,
    });
    const entries = entriesFor(plan);
    await startEntries(cluster, entries, rootDir, clients, plan);
    const runnable = entries.filter((entry) => entry.running);
    const samples = await runRounds(cluster, runnable, { ...options, clients, threads }, plan);
    process.stdout.write(report(machine, plan, samples, entries, { ...options, clients, threads }));
    const path = options.out ?? defaultResultsPath(new Date(), `${hostname()}-scaling`);
    await mkdir(dirname(path), { recursive: true });
    await writeFile(path, `${JSON.stringify({ format: 'pgtopo-bench-scaling/1', machine, plan, clients, threads, options, samples }, null, 2)}\n`);
    process.stdout.write(`Results: ${path}\n`);
    for (const entry of runnable) await entry.running!.stop();
    await cluster.stop();
    return 0;
  } catch (error) {
    process.stderr.write(`scaling: ${(error as Error).message}\n`);
    return 1;
  } finally {
    await runCleanup();
  }
}

process.exitCode = await main();

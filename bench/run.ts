// `npm run bench`: the proxy against PgBouncer, Pgpool-II and a direct connection, side by side, plus the
// failover and engine benchmarks. Progress goes to stderr, the report to stdout, the raw data to
// bench/results/. Everything started here is stopped here, also on errors and Ctrl-C.
import { chmod, mkdtemp } from 'node:fs/promises';
import { execFileSync } from 'node:child_process';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { findPgBinaries } from '../providers/local/pg-binaries.ts';
import { startBenchCluster, type BenchCluster } from './bench-cluster.ts';
import { makeDbOwnedDir } from '../providers/local/os-user.ts';
import { runIdleMemoryBench, type IdleMemoryResult } from './idle-memory-bench.ts';
import { runManyClientsBench, type ManyClientsResult } from './many-clients-bench.ts';
import { BenchOptionsError, estimateThroughputSeconds, parseBenchOptions, USAGE, type BenchOptions } from './bench-options.ts';
import { onCleanup, runCleanup } from './cleanup-stack.ts';
import { runEngineBench, type EngineBenchResult } from './engine-bench.ts';
import {
  combineFailoverRounds,
  HEALTH_CHECK_PERIOD_SECONDS,
  runFailoverBench,
  type FailoverResult,
} from './failover-bench.ts';
import { gitRevision, machineInfo, type MachineInfo } from './machine-info.ts';
import { builtinRatios, summarize, type Sample, type TargetSummary } from './report-math.ts';
import { cpuEfficiencyRows } from './cpu-efficiency.ts';
import {
  renderCpuEfficiencyTable, renderEngineTable, renderFailoverTable, renderIdleMemoryTable, renderManyClientsTable, renderRatioTable,
  renderTargetStatus, renderThroughputTable, renderWatchdogTable,
} from './report-table.ts';
import { defaultResultsPath, writeResults, type TargetStatus } from './results-file.ts';
import { runThroughputBench, startTargets } from './throughput-bench.ts';
import { runWatchdogBench, SHARED_SETTINGS, type WatchdogResult } from './watchdog-bench.ts';
import type { BenchTarget } from './targets/bench-target.ts';
import { builtinPrimaryTarget, builtinProxyTarget } from './targets/builtin-proxy-target.ts';
import { directTarget } from './targets/direct-target.ts';
import { nodePipeTarget } from './targets/node-pipe-target.ts';
import { pgBouncerTarget } from './targets/pgbouncer-target.ts';
import { pgpoolTarget } from './targets/pgpool-target.ts';

const startedClock = performance.now();

function log(line: string): void {
  const elapsed = ((performance.now() - startedClock) / 1000).toFixed(0).padStart(4);
  process.stderr.write(`[${elapsed} s] ${line}\n`);
}

function commandVersion(path: string): string | undefined {
  try {
    return execFileSync(path, ['--version'], { encoding: 'utf8' }).trim();
  } catch {
    return undefined;
  }
}

async function throughputSection(options: BenchOptions, rootDir: string, targets: readonly BenchTarget[]) {
  const cluster = await startBenchCluster({ rootDir: join(rootDir, 'cluster'), standbys: 1, pgbenchScale: options.pgbenchScale, log });
  try {
    const { started, statuses } = await startTargets(targets, cluster, rootDir, options, log);
    const minutes = estimateThroughputSeconds(options, started.map(({ target }) => target)) / 60;
    log(`throughput: ${started.length} target(s) × ${options.workloads.length} workload(s) × ${options.rounds} round(s), ~${minutes.toFixed(1)} min`);
    try {
      return { statuses, samples: await runThroughputBench(cluster, started, options, log) };
    } finally {
      for (const { running } of started) await running.stop();
    }
  } finally {
    await cluster.stop();
  }
}

/** The pooler targets the many-clients parts compare: the proxy pooling to the primary, and PgBouncer. */
function clientScaleTargets(options: BenchOptions): BenchTarget[] {
  return [builtinPrimaryTarget(), pgBouncerTarget()].filter((target) => {
    if (!options.targets.includes(target.name)) return false;
    const unavailable = target.unavailableReason();
    // Said, not only left out: a memory table without PgBouncer has nothing to compare with.
    if (unavailable !== undefined) log(`memory and many-clients sections: ${target.label} skipped: ${unavailable}`);
    return unavailable === undefined;
  });
}

/**
 * Memory per idle client and 10,000 idle + 500 active, on one primary without a standby (only the poolers'
 * own cost is measured) and pgbench scale 1 (select-only on a small table: the clients are the load).
 */
async function clientScaleSection(options: BenchOptions, rootDir: string): Promise<Pick<SectionResults, 'idleMemory' | 'manyClients'>> {
  const targets = clientScaleTargets(options);
  if (targets.length === 0) return { idleMemory: [], manyClients: [] };
  const cluster = await startBenchCluster({ rootDir: join(rootDir, 'clients-cluster'), standbys: 0, pgbenchScale: 1, log });
  const sizing = { poolSize: options.clients, proxyWorkers: options.proxyWorkers };
  try {
    const idleMemory = options.sections.includes('idle-memory')
      ? await runIdleMemoryBench(cluster, targets, options.idleLevels, await ownedDir(cluster, rootDir, 'idle-memory'), sizing, log)
      : [];
    const settings = { idleClients: options.manyIdle, activeClients: options.manyActive, threads: options.threads, durationSeconds: options.durationSeconds };
    const manyClients = options.sections.includes('many-clients')
      ? await runManyClientsBench(cluster, targets, settings, await ownedDir(cluster, rootDir, 'many-clients'), sizing, log)
      : [];
    return { idleMemory, manyClients };
  } finally {
    await cluster.stop();
  }
}

async function ownedDir(cluster: BenchCluster, rootDir: string, name: string): Promise<string> {
  const dir = join(rootDir, name);
  await makeDbOwnedDir(dir, cluster.osUser, 0o755);
  return dir;
}

/** Repeats the kill -9 measurement; a round that fails ends the series (a stuck failover would only repeat). */
async function repeatFailover(options: BenchOptions, target: BenchTarget, dir: string): Promise<FailoverResult> {
  const rounds: FailoverResult[] = [];
  for (let round = 1; round <= options.failoverRounds; round++) {
    const result = await runFailoverBench(target, join(dir, `round-${round}`), log);
    rounds.push(result);
    if (result.seconds === undefined) break;
  }
  return combineFailoverRounds(rounds);
}

/**
 * Both the builtin proxy and Pgpool-II, each with and without failover on a client's backend error: with it,
 * a refused connection triggers the failover at once; without it, only the 1 s health check does.
 */
async function failoverSection(options: BenchOptions, rootDir: string): Promise<FailoverResult[]> {
  const results: FailoverResult[] = [];
  const healthCheckPeriodSeconds = HEALTH_CHECK_PERIOD_SECONDS;
  for (const onBackendError of [true, false]) {
    const mode = onBackendError ? 'backend-error' : 'health-check';
    if (options.targets.includes('builtin')) {
      const target = builtinProxyTarget({ healthCheckPeriodSeconds, onBackendError, retries: options.failoverRetries });
      results.push(await repeatFailover(options, target, join(rootDir, `failover-builtin-${mode}`)));
    }
    if (options.targets.includes('pgpool')) {
      const target = pgpoolTarget({ healthCheckPeriodSeconds, failoverOnBackendError: onBackendError });
      results.push(await repeatFailover(options, target, join(rootDir, `failover-pgpool-${mode}`)));
    }
  }
  for (const result of results) log(`failover ${result.target}: ${result.seconds?.toFixed(2) ?? result.status} ${result.note ?? ''}`);
  return results;
}

/** The builtin watchdog and Pgpool-II's, as far as --only selects the builtin proxy and Pgpool-II. */
function watchdogSection(options: BenchOptions, rootDir: string): Promise<WatchdogResult[]> {
  const engines = (['builtin', 'pgpool2'] as const).filter((engine) => options.targets.includes(engine === 'builtin' ? 'builtin' : 'pgpool'));
  return runWatchdogBench(engines, options.watchdogRounds, join(rootDir, 'watchdog'), log);
}

function allTargets(): BenchTarget[] {
  return [
    directTarget(), builtinProxyTarget(), builtinPrimaryTarget(), builtinPrimaryTarget(2), nodePipeTarget(), pgBouncerTarget(), pgpoolTarget(),
  ];
}

function notSelected(targets: readonly BenchTarget[], statuses: readonly TargetStatus[]): TargetStatus[] {
  return targets
    .filter((target) => !statuses.some((status) => status.name === target.name))
    .map((target) => ({ name: target.name, label: target.label, status: 'not selected' as const, reason: 'not in --only' }));
}

interface SectionResults {
  statuses: TargetStatus[];
  samples: Sample[];
  idleMemory: IdleMemoryResult[];
  manyClients: ManyClientsResult[];
  failover: FailoverResult[];
  watchdog: WatchdogResult[];
  engine?: EngineBenchResult;
}

/** One line saying where the numbers come from, and how busy the machine was while they were taken. */
function machineLine(machine: MachineInfo, samples: readonly Sample[]): string {
  const loads = samples.flatMap((sample) => sample.loadAverage1m ?? []);
  const load = loads.length > 0 ? `; 1-min load average before runs ${Math.min(...loads).toFixed(1)}–${Math.max(...loads).toFixed(1)}` : '';
  const memory = `${(machine.memoryBytes / 2 ** 30).toFixed(0)} GiB`;
  return `Machine: ${machine.host}, ${machine.cores} cores (${machine.cpuModel}), ${memory}${load}`;
}

function printReport(results: SectionResults, summaries: TargetSummary[], machine: MachineInfo): void {
  const out: string[] = ['', machineLine(machine, results.samples), ''];
  if (summaries.length > 0) {
    out.push('Targets:', renderTargetStatus(results.statuses), '');
    out.push(renderThroughputTable(summaries), '', renderRatioTable(builtinRatios(summaries)), '');
    const efficiency = cpuEfficiencyRows(summaries);
    if (efficiency.length > 0) out.push(renderCpuEfficiencyTable(efficiency), '');
  }
  if (results.idleMemory.length > 0) out.push(renderIdleMemoryTable(results.idleMemory), '');
  if (results.manyClients.length > 0) out.push(renderManyClientsTable(results.manyClients), '');
  if (results.failover.length > 0) out.push(renderFailoverTable(results.failover), '');
  if (results.watchdog.length > 0) out.push(renderWatchdogTable(results.watchdog), '');
  const { engine } = results;
  if (engine) {
    out.push(`Engine plan benchmark: ${engine.status}${engine.reason ? ` (${engine.reason})` : ''}`);
    const table = renderEngineTable(engine.json);
    if (table ?? engine.output) out.push(table ?? engine.output ?? '');
  }
  process.stdout.write(`${out.join('\n')}\n`);
}

async function runSections(options: BenchOptions, rootDir: string): Promise<SectionResults> {
  const targets = allTargets().filter((target) => options.targets.includes(target.name));
  let statuses: TargetStatus[] = [];
  let samples: Sample[] = [];
  if (options.sections.includes('throughput')) ({ statuses, samples } = await throughputSection(options, rootDir, targets));
  statuses = [...statuses, ...notSelected(allTargets(), statuses)];
  const wantsClients = options.sections.includes('idle-memory') || options.sections.includes('many-clients');
  const { idleMemory, manyClients } = wantsClients ? await clientScaleSection(options, rootDir) : { idleMemory: [], manyClients: [] };
  const failover = options.sections.includes('failover') ? await failoverSection(options, rootDir) : [];
  const watchdog = options.sections.includes('watchdog') ? await watchdogSection(options, rootDir) : [];
  for (const result of watchdog) log(`watchdog ${result.label}: ${result.medianSeconds?.toFixed(2) ?? result.status} ${result.note ?? ''}`);
  const engine = options.sections.includes('engine') ? await runEngineBench() : undefined;
  if (engine) log(`engine plan benchmark: ${engine.status}`);
  return { statuses, samples, idleMemory, manyClients, failover, watchdog, engine };
}

function versions(): Record<string, string | undefined> {
  const binaries = findPgBinaries();
  return {
    pgtopo: gitRevision(),
    node: process.version,
    postgres: commandVersion(binaries.tool('postgres')),
    pgbench: commandVersion(binaries.tool('pgbench')),
    pgbouncer: pgBouncerTarget().version(),
    pgpool: pgpoolTarget().version(),
  };
}

function settingsOf(options: BenchOptions): Record<string, unknown> {
  const { durationSeconds, clients, threads, rounds, pgbenchScale, workloads, sections, failoverRounds, failoverRetries, watchdogRounds, proxyWorkers } = options;
  const { idleLevels, manyIdle, manyActive } = options;
  return {
    durationSeconds, clients, threads, rounds, pgbenchScale, workloads, sections, failoverRounds, failoverRetries, watchdogRounds, proxyWorkers,
    idleLevels, manyIdle, manyActive,
    clientScale: 'idle-memory and many-clients: a primary alone, pgbench scale 1, pool size = --clients',
    postgres: 'primary + 1 streaming standby on 127.0.0.1, fsync off, shared_buffers 256MB, max_connections 300',
    warmUp: '3 s select-only per target before the first measured round, then one churn run of --duration when churn is measured; not recorded',
    failoverHealthCheckPeriodSeconds: HEALTH_CHECK_PERIOD_SECONDS,
    watchdog: { ...SHARED_SETTINGS, lab: '3 members in 3 network namespaces on one bridge, a client in a fourth, PostgreSQL behind a relay on the host' },
  };
}

async function bench(options: BenchOptions): Promise<void> {
  const startedAt = new Date();
  const rootDir = await mkdtemp(join(tmpdir(), 'pgtopo-bench-'));
  await chmod(rootDir, 0o755); // the postgres OS user must traverse it
  onCleanup('temp dir', async () => {}, { dirs: [rootDir] });
  const results = await runSections(options, rootDir);
  const summaries = summarize(results.samples);
  const machine = machineInfo();
  printReport(results, summaries, machine);
  const path = options.outPath ?? defaultResultsPath(startedAt, machine.host);
  await writeResults(path, {
    format: 'pgtopo-bench/1',
    startedAt: startedAt.toISOString(),
    finishedAt: new Date().toISOString(),
    wallSeconds: Math.round((performance.now() - startedClock) / 1000),
    command: `npm run bench -- ${process.argv.slice(2).join(' ')}`.trim(),
    machine,
    versions: versions(),
    settings: settingsOf(options),
    targets: results.statuses,
    samples: results.samples,
    summaries,
    ratios: builtinRatios(summaries),
    cpuEfficiency: cpuEfficiencyRows(summaries),
    idleMemory: results.idleMemory,
    manyClients: results.manyClients,
    failover: results.failover,
    watchdog: results.watchdog,
    engine: results.engine,
  });
  process.stdout.write(`Results: ${path}\n`);
}

async function main(): Promise<number> {
  let options: BenchOptions;
  try {
    options = parseBenchOptions(process.argv.slice(2));
  } catch (error) {
    if (!(error instanceof BenchOptionsError)) throw error;
    process.stderr.write(`bench: ${error.message}\n`);
    return 2;
  }
  if (options.help) {
    process.stdout.write(USAGE);
    return 0;
  }
  try {
    await bench(options);
    return 0;
  } catch (error) {
    process.stderr.write(`bench: ${(error as Error).message}\n`);
    return 1;
  } finally {
    await runCleanup();
  }
}

process.exitCode = await main();

// The throughput section: start every selected target once, then for each workload run pgbench against the
// targets interleaved and repeated (A B C D A B C D …) so drift on a noisy machine hits all of them alike.
// Around each run it reads the CPU time of the proxy's process tree and of PostgreSQL's.
import { loadavg } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';
import { makeDbOwnedDir } from '../providers/local/os-user.ts';
import type { BenchCluster } from './bench-cluster.ts';
import { wasInterrupted } from './cleanup-stack.ts';
import type { BenchOptions } from './bench-options.ts';
import { runPgbench } from './pgbench-run.ts';
import { processTreeCpuSeconds, reapedChildrenCpuSeconds } from './process-tree-cpu.ts';
import type { Sample } from './report-math.ts';
import type { TargetStatus } from './results-file.ts';
import { measuresWorkload, type BenchTarget, type RunningTarget, type TargetContext } from './targets/bench-target.ts';
import { workloadNamed } from './workloads.ts';

interface StartedTarget {
  target: BenchTarget;
  running: RunningTarget;
}

const READY_TIMEOUT_MS = 20_000;
// One unrecorded select-only run per target before measuring: the builtin proxy's JIT and every target's
// pools and PostgreSQL's caches start warm, so the first measured round is not penalised. When logins are
// measured (churn), one unrecorded churn run of a round's length follows: select-only never runs the login path,
// whose JavaScript V8 was still optimizing, on its background threads and counted as the proxy's CPU, 30 s into
// pgbench -C (--trace-opt, 2026-12-03). A proxy that runs for days pays that once; the figure is the steady state.
const WARM_UP_SECONDS = 3;
const PAUSE_BETWEEN_RUNS_MS = 500;

/** A real query through the target, retried while a freshly started pooler finishes its own start-up. */
async function assertServes(cluster: BenchCluster, running: RunningTarget): Promise<void> {
  const deadline = Date.now() + READY_TIMEOUT_MS;
  for (;;) {
    const client = new pg.Client({
      host: running.host, port: running.port, user: cluster.role.name, password: cluster.role.password,
      database: cluster.database, connectionTimeoutMillis: 3000,
    });
    client.on('error', () => {});
    try {
      await client.connect();
      await client.query('SELECT count(*) FROM pgbench_branches');
      return;
    } catch (error) {
      if (Date.now() > deadline) throw new Error(`it does not answer queries: ${(error as Error).message}`);
    } finally {
      await client.end().catch(() => {});
    }
    await new Promise((resolveWait) => setTimeout(resolveWait, 250));
  }
}

/** Starts one target in `rootDir/<name>` and waits until it answers a query; stops it again if it never does. */
export async function startTarget(
  target: BenchTarget,
  cluster: BenchCluster,
  rootDir: string,
  sizing: Pick<TargetContext, 'clients' | 'proxyWorkers' | 'maxClientConnections'>,
): Promise<RunningTarget> {
  const workDir = join(rootDir, target.name);
  await makeDbOwnedDir(workDir, cluster.osUser, 0o755);
  const running = await target.start({ cluster, workDir, ...sizing });
  try {
    await assertServes(cluster, running);
  } catch (error) {
    await running.stop();
    throw error;
  }
  return running;
}

/** Starts the targets; those that cannot run are reported with the reason and left out. */
export async function startTargets(
  targets: readonly BenchTarget[],
  cluster: BenchCluster,
  rootDir: string,
  options: BenchOptions,
  log: (line: string) => void,
): Promise<{ started: StartedTarget[]; statuses: TargetStatus[] }> {
  const { clients } = options;
  const started: StartedTarget[] = [];
  const statuses: TargetStatus[] = [];
  for (const target of targets) {
    const base = { name: target.name, label: target.label, version: target.version(), settings: target.settings(clients) };
    const unavailable = target.unavailableReason();
    if (unavailable) {
      log(`${target.label}: not available (${unavailable})`);
      statuses.push({ ...base, status: 'not available', reason: unavailable });
      continue;
    }
    try {
      const running = await startTarget(target, cluster, rootDir, { clients: options.clients, proxyWorkers: options.proxyWorkers });
      started.push({ target, running });
      statuses.push({ ...base, status: 'ran', startedWith: running.startedWith });
      log(`${target.label}: started${running.startedWith ? ` (${running.startedWith})` : ''}`);
    } catch (error) {
      const reason = `failed to start: ${(error as Error).message}`;
      log(`${target.label}: not available (${reason})`);
      statuses.push({ ...base, status: 'not available', reason });
    }
  }
  return { started, statuses };
}

function postmasterPids(nodes: BenchCluster['standbys']): number[] {
  return nodes.flatMap((node) => node.status().pid ?? []);
}

async function measureOnce(cluster: BenchCluster, options: BenchOptions, entry: StartedTarget, workloadArgs: readonly string[]) {
  const proxyRoots = entry.running.proxyPids();
  const proxyBefore = processTreeCpuSeconds(proxyRoots);
  const primaryBefore = processTreeCpuSeconds(postmasterPids([cluster.primary]));
  const standbysBefore = processTreeCpuSeconds(postmasterPids(cluster.standbys));
  const clientBefore = reapedChildrenCpuSeconds();
  const outcome = await runPgbench({
    pgbench: cluster.binaries.tool('pgbench'),
    host: entry.running.host,
    port: entry.running.port,
    user: cluster.role.name,
    password: cluster.role.password,
    database: cluster.database,
    clients: options.clients,
    threads: options.threads,
    durationSeconds: options.durationSeconds,
    workloadArgs,
  });
  const proxyCpuSeconds = proxyRoots.length > 0 ? processTreeCpuSeconds(proxyRoots) - proxyBefore : undefined;
  const primaryCpu = processTreeCpuSeconds(postmasterPids([cluster.primary])) - primaryBefore;
  const standbyCpuSeconds = processTreeCpuSeconds(postmasterPids(cluster.standbys)) - standbysBefore;
  const clientCpuSeconds = reapedChildrenCpuSeconds() - clientBefore;
  const targetLogTail = !outcome.ok && entry.running.logTail ? await entry.running.logTail() : undefined;
  return { ...outcome, proxyCpuSeconds, serverCpuSeconds: primaryCpu + standbyCpuSeconds, standbyCpuSeconds, clientCpuSeconds, targetLogTail };
}

function describeSample(sample: Sample): string {
  if (!sample.ok) return `FAILED: ${sample.error}`;
  const cpu = sample.proxyCpuSeconds === undefined ? '' : `, proxy CPU ${sample.proxyCpuSeconds.toFixed(2)} s`;
  return `${sample.tps?.toFixed(0)} tps, ${sample.latencyMs?.toFixed(3)} ms${cpu}`;
}

async function warmUp(cluster: BenchCluster, started: readonly StartedTarget[], options: BenchOptions, log: (line: string) => void) {
  const runs = [{ name: 'select-only', durationSeconds: WARM_UP_SECONDS, args: ['-S', '-M', 'simple'] }];
  const churn = { name: 'churn', durationSeconds: options.durationSeconds, args: workloadNamed('churn').pgbenchArgs };
  for (const entry of started) {
    const churns = options.workloads.includes('churn') && measuresWorkload(entry.target, 'churn');
    for (const run of churns ? [...runs, churn] : runs) {
      if (wasInterrupted()) return;
      const outcome = await measureOnce(cluster, { ...options, durationSeconds: run.durationSeconds }, entry, run.args);
      log(`[warm-up] ${entry.target.label}, ${run.name}: ${outcome.ok ? `${outcome.tps?.toFixed(0)} tps (not recorded)` : `FAILED: ${outcome.error}`}`);
    }
  }
}

/** Runs every workload round by round over all started targets; returns one sample per run. */
export async function runThroughputBench(
  cluster: BenchCluster,
  started: readonly StartedTarget[],
  options: BenchOptions,
  log: (line: string) => void,
): Promise<Sample[]> {
  const samples: Sample[] = [];
  await warmUp(cluster, started, options, log);
  for (const workloadName of options.workloads) {
    const workload = workloadNamed(workloadName);
    for (let round = 1; round <= options.rounds; round++) {
      for (const entry of started) {
        if (wasInterrupted()) return samples;
        if (!measuresWorkload(entry.target, workload.name)) continue;
        // Other work on the machine skews a run; the load average just before it is kept with the sample.
        const loadAverage1m = loadavg()[0];
        const measured = await measureOnce(cluster, options, entry, workload.pgbenchArgs);
        const sample: Sample = { workload: workload.name, target: entry.target.name, round, loadAverage1m, ...measured };
        samples.push(sample);
        log(`[${workload.name} ${round}/${options.rounds}] ${entry.target.label}: ${describeSample(sample)}`);
        await new Promise((resolveWait) => setTimeout(resolveWait, PAUSE_BETWEEN_RUNS_MS));
      }
    }
  }
  return samples;
}

// Holding many clients (issue 18): 10,000 logged-in idle clients and 500 active ones through one pooler.
// The idle ones come from this process (bench/idle-clients.ts), the active ones are a select-only pgbench
// run with its transaction log on, for the latency median and p99 (pgbench itself reports only the mean).
// Afterwards every idle client runs one query: proof that none was dropped or wedged while the pool was busy.
import { mkdtempSync } from 'node:fs';
import { join } from 'node:path';
import type { BenchCluster } from './bench-cluster.ts';
import { ensureOpenFilesLimit } from './fd-limit.ts';
import { droppedClients, loginClients, queryEach, type IdleClient } from './idle-clients.ts';
import { loginTargetOf, settle, type ClientScaleSizing } from './idle-memory-bench.ts';
import { percentile, readTransactionLogs } from './latency-log.ts';
import { runPgbench } from './pgbench-run.ts';
import { processTreeRssBytes } from './process-tree-rss.ts';
import { startTarget } from './throughput-bench.ts';
import type { BenchTarget, RunningTarget, TargetName } from './targets/bench-target.ts';

export interface ManyClientsSettings {
  idleClients: number;
  activeClients: number;
  threads: number;
  durationSeconds: number;
}

export interface ManyClientsResult {
  target: TargetName;
  label: string;
  /** 'ran' only when every login, every pgbench transaction and every idle client's final query succeeded. */
  status: 'ran' | 'failed';
  errors: string[];
  idleClients: number;
  activeClients: number;
  baseRssBytes?: number;
  idleRssBytes?: number;
  /** Highest RSS sampled while the active clients ran. */
  peakRssBytes?: number;
  tps?: number;
  transactions?: number;
  latencyMedianMs?: number;
  latencyP99Ms?: number;
  idleLoginSeconds?: number;
}

const FD_MARGIN = 300;
const RSS_SAMPLE_MS = 250;
const LOG_PREFIX = 'active';

async function activeRun(cluster: BenchCluster, running: RunningTarget, settings: ManyClientsSettings, logDir: string) {
  let peak = 0;
  const sampler = setInterval(() => (peak = Math.max(peak, processTreeRssBytes(running.proxyPids()))), RSS_SAMPLE_MS);
  try {
    const outcome = await runPgbench({
      pgbench: cluster.binaries.tool('pgbench'), host: running.host, port: running.port,
      user: cluster.role.name, password: cluster.role.password, database: cluster.database,
      clients: settings.activeClients, threads: settings.threads, durationSeconds: settings.durationSeconds,
      workloadArgs: ['-S', '-M', 'simple', '-l', `--log-prefix=${join(logDir, LOG_PREFIX)}`],
    });
    return { outcome, peak: Math.max(peak, processTreeRssBytes(running.proxyPids())) };
  } finally {
    clearInterval(sampler);
  }
}

async function measure(cluster: BenchCluster, running: RunningTarget, settings: ManyClientsSettings, rootDir: string) {
  const errors: string[] = [];
  const clients: IdleClient[] = [];
  await settle();
  const baseRssBytes = processTreeRssBytes(running.proxyPids());
  try {
    const started = performance.now();
    await loginClients(loginTargetOf(cluster, running), settings.idleClients, clients);
    const idleLoginSeconds = (performance.now() - started) / 1000;
    await settle();
    const idleRssBytes = processTreeRssBytes(running.proxyPids());
    const logDir = mkdtempSync(join(rootDir, 'pgbench-log-'));
    const { outcome, peak } = await activeRun(cluster, running, settings, logDir);
    if (!outcome.ok) errors.push(`pgbench: ${outcome.error}`);
    if (outcome.failedTransactions) errors.push(`pgbench: ${outcome.failedTransactions} failed transactions`);
    for (const [reason, count] of droppedClients(clients)) errors.push(`${count} idle clients closed: ${reason}`);
    const failedQueries = await queryEach(clients);
    if (failedQueries > 0) errors.push(`${failedQueries} idle clients could not run SELECT 1 afterwards`);
    const latencies = readTransactionLogs(logDir, LOG_PREFIX);
    const ms = (micros: number | undefined): number | undefined => (micros === undefined ? undefined : micros / 1000);
    return {
      errors, baseRssBytes, idleRssBytes, idleLoginSeconds, peakRssBytes: peak, tps: outcome.tps, transactions: outcome.transactions,
      latencyMedianMs: ms(percentile(latencies, 50)), latencyP99Ms: ms(percentile(latencies, 99)),
    };
  } finally {
    for (const client of clients) client.close();
  }
}

export async function runManyClientsBench(
  cluster: BenchCluster,
  targets: readonly BenchTarget[],
  settings: ManyClientsSettings,
  rootDir: string,
  sizing: ClientScaleSizing,
  log: (line: string) => void,
): Promise<ManyClientsResult[]> {
  const total = settings.idleClients + settings.activeClients;
  ensureOpenFilesLimit(total + FD_MARGIN);
  const results: ManyClientsResult[] = [];
  for (const target of targets) {
    const base = { target: target.name, label: target.label, idleClients: settings.idleClients, activeClients: settings.activeClients };
    let running: RunningTarget | undefined;
    try {
      running = await startTarget(target, cluster, rootDir, {
        clients: sizing.poolSize, proxyWorkers: sizing.proxyWorkers, maxClientConnections: total + FD_MARGIN,
      });
      log(`[many clients] ${target.label}: ${settings.idleClients} idle + ${settings.activeClients} active for ${settings.durationSeconds} s`);
      const measured = await measure(cluster, running, settings, rootDir);
      results.push({ ...base, status: measured.errors.length === 0 ? 'ran' : 'failed', ...measured });
      const p99 = measured.latencyP99Ms?.toFixed(2) ?? '-';
      log(`[many clients] ${target.label}: ${measured.tps?.toFixed(0) ?? '-'} tps, p99 ${p99} ms, errors: ${measured.errors.join('; ') || 'none'}`);
    } catch (error) {
      log(`[many clients] ${target.label}: FAILED: ${(error as Error).message}`);
      results.push({ ...base, status: 'failed', errors: [(error as Error).message] });
    } finally {
      await running?.stop();
    }
  }
  return results;
}

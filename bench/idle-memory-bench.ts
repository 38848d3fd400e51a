// Memory per idle client (issue 18): each pooler in turn holds 1k, then 5k, then 10k logged-in idle clients
// (added step by step from one generator process), and the growth of its resident set over its base is
// divided by the clients, as is its growth from one level to the next. Pools stay small (transaction pooling): an
// idle client holds no server connection.
import type { BenchCluster } from './bench-cluster.ts';
import { ensureOpenFilesLimit } from './fd-limit.ts';
import { droppedClients, loginClients, type IdleClient, type LoginTarget } from './idle-clients.ts';
import { idleLevels, idleMemoryPoints, type IdleMemoryPoint, type IdleMemoryReading } from './idle-memory-math.ts';
import { processTreeRssBytes } from './process-tree-rss.ts';
import { startTarget } from './throughput-bench.ts';
import type { BenchTarget, RunningTarget, TargetName } from './targets/bench-target.ts';

export interface IdleMemoryResult {
  target: TargetName;
  label: string;
  status: 'ran' | 'failed';
  reason?: string;
  baseRssBytes?: number;
  points: IdleMemoryPoint[];
}

export interface ClientScaleSizing {
  /** Server connections per pool. */
  poolSize: number;
  proxyWorkers: number;
}

// Freed login buffers and garbage settle into the resident set shortly after a burst of logins.
const SETTLE_MS = 1000;
const FD_MARGIN = 200;
/**
 * Clients that log in and leave before the base is read: the login code is then compiled and whatever a first burst
 * of logins grows once (the builtin proxy's heap and young generation, PgBouncer's slabs) is in every target's base
 * alike, not charged to the clients of the first level.
 */
const WARM_UP_LOGINS = 200;

export function loginTargetOf(cluster: BenchCluster, running: RunningTarget): LoginTarget {
  return { host: running.host, port: running.port, user: cluster.role.name, password: cluster.role.password, database: cluster.database };
}

export function settle(): Promise<void> {
  return new Promise((resolveWait) => setTimeout(resolveWait, SETTLE_MS));
}

async function measureLevels(
  cluster: BenchCluster,
  running: RunningTarget,
  levels: readonly number[],
  log: (line: string) => void,
  label: string,
): Promise<{ baseRssBytes: number; points: IdleMemoryPoint[] }> {
  const clients: IdleClient[] = [];
  const login = loginTargetOf(cluster, running);
  await warmUp(login);
  const baseRssBytes = processTreeRssBytes(running.proxyPids());
  const readings: IdleMemoryReading[] = [];
  try {
    for (const level of levels) {
      const started = performance.now();
      await loginClients(login, level - clients.length, clients);
      const loginSeconds = (performance.now() - started) / 1000;
      await settle();
      const dropped = droppedClients(clients);
      if (dropped.size > 0) throw new Error(`idle clients were closed: ${[...dropped].map(([why, n]) => `${n} × ${why}`).join('; ')}`);
      readings.push({ clients: level, rssBytes: processTreeRssBytes(running.proxyPids()), loginSeconds });
      log(`[idle memory] ${label}: ${describe(idleMemoryPoints(baseRssBytes, readings).at(-1)!)}`);
    }
  } finally {
    for (const client of clients) client.close();
  }
  return { baseRssBytes, points: idleMemoryPoints(baseRssBytes, readings) };
}

async function warmUp(login: LoginTarget): Promise<void> {
  const leaving: IdleClient[] = [];
  await loginClients(login, WARM_UP_LOGINS, leaving);
  for (const client of leaving) client.close();
  await settle();
}

function describe(point: IdleMemoryPoint): string {
  const kB = (bytes: number) => `${(bytes / 1024).toFixed(2)} kB/client`;
  const marginal = point.marginalBytesPerClient === undefined ? '' : `, ${kB(point.marginalBytesPerClient)} from the level before`;
  return `${point.clients} clients, RSS ${(point.rssBytes / 2 ** 20).toFixed(1)} MiB, ${kB(point.bytesPerClient)} from the base${marginal}`;
}

/** Runs the levels against each target (a fresh start each, so no target inherits another's clients). */
export async function runIdleMemoryBench(
  cluster: BenchCluster,
  targets: readonly BenchTarget[],
  levels: readonly number[],
  rootDir: string,
  sizing: ClientScaleSizing,
  log: (line: string) => void,
): Promise<IdleMemoryResult[]> {
  const sorted = idleLevels(levels);
  const most = sorted.at(-1) ?? 0;
  ensureOpenFilesLimit(most + FD_MARGIN);
  const results: IdleMemoryResult[] = [];
  for (const target of targets) {
    const base = { target: target.name, label: target.label };
    let running: RunningTarget | undefined;
    try {
      running = await startTarget(target, cluster, rootDir, {
        clients: sizing.poolSize, proxyWorkers: sizing.proxyWorkers, maxClientConnections: most + FD_MARGIN,
      });
      results.push({ ...base, status: 'ran', ...(await measureLevels(cluster, running, sorted, log, target.label)) });
    } catch (error) {
      log(`[idle memory] ${target.label}: FAILED: ${(error as Error).message}`);
      results.push({ ...base, status: 'failed', reason: (error as Error).message, points: [] });
    } finally {
      await running?.stop();
    }
  }
  return results;
}

// Failover benchmark: a fresh primary + two standbys per target, a write loop through the target, kill -9 of
// the primary, and the time until the first write succeeds again. Pgpool-II gets the same 1 s health-check
// period and a failover_command that promotes the most advanced standby.
import { join } from 'node:path';
import pg from 'pg';
import { makeDbOwnedDir } from '../providers/local/os-user.ts';
import { startBenchCluster, waitForStandbys, type BenchCluster } from './bench-cluster.ts';
import type { BenchTarget, RunningTarget } from './targets/bench-target.ts';
import { median } from './report-math.ts';
import { firstSuccessfulWrite, PROBE_TABLE_DDL, type ProbeEndpoint } from './write-probe.ts';

export interface FailoverResult {
  target: string;
  status: 'measured' | 'not available' | 'failed';
  seconds?: number;
  attempts?: number;
  /** Port of the node that took the first write after the kill. */
  newPrimaryPort?: number;
  /** Whether that node was one of the standbys (it should be: the old primary is dead). */
  landedOnFormerStandby?: boolean;
  note?: string;
  errorsSeen?: string[];
  /** Per-round results when the measurement was repeated; `seconds` is then their median. */
  rounds?: FailoverResult[];
}

export const HEALTH_CHECK_PERIOD_SECONDS = 1;
// Generous against the < 3 s target, short enough that a proxy that never recovers costs the run little.
const RECOVERY_TIMEOUT_MS = 20_000;
// Pgpool-II ignores failover requests until its own start-up (finding the primary) is over, and a write can
// succeed before that; so writes must succeed for a while before the kill, not just once.
const STEADY_WRITES_MS = 3_000;

async function prepareProbeTable(cluster: BenchCluster): Promise<void> {
  const client = new pg.Client({ connectionString: cluster.superuserUrl(cluster.primary, cluster.database) });
  await client.connect();
  try {
    await client.query(PROBE_TABLE_DDL);
    await client.query(`ALTER TABLE failover_probe OWNER TO ${client.escapeIdentifier(cluster.role.name)}`);
  } finally {
    await client.end();
  }
  await waitForStandbys(cluster.superuserUrl(), cluster.standbys.length);
}

/**
 * Resolves once writes have succeeded back to back for STEADY_WRITES_MS, all on the primary; returns an error
 * text otherwise. A write landing elsewhere before the kill would make the measurement meaningless.
 */
async function waitForSteadyWrites(endpoint: ProbeEndpoint, primaryPort: number): Promise<string | undefined> {
  const deadline = performance.now() + 30_000;
  let steadySince = performance.now();
  while (performance.now() - steadySince < STEADY_WRITES_MS) {
    const write = await firstSuccessfulWrite(endpoint, performance.now(), 20_000);
    if (!write.ok || performance.now() > deadline) return write.errors[0] ?? 'they kept failing';
    if (write.serverPort !== primaryPort) return `a write landed on :${write.serverPort}, not on the primary :${primaryPort}`;
    if (write.attempts > 1) steadySince = performance.now();
  }
  return undefined;
}

async function measure(cluster: BenchCluster, running: RunningTarget, label: string): Promise<FailoverResult> {
  const endpoint: ProbeEndpoint = {
    host: running.host, port: running.port, user: cluster.role.name, password: cluster.role.password, database: cluster.database,
  };
  const steady = await waitForSteadyWrites(endpoint, cluster.primary.port);
  if (steady) return { target: label, status: 'failed', note: `writes did not succeed before the kill: ${steady}` };
  const killedAt = performance.now();
  await cluster.primary.kill9();
  const after = await firstSuccessfulWrite(endpoint, killedAt, RECOVERY_TIMEOUT_MS);
  if (!after.ok) {
    return {
      target: label, status: 'failed', attempts: after.attempts, errorsSeen: after.errors.slice(0, 5),
      note: `no successful write within ${RECOVERY_TIMEOUT_MS / 1000} s`,
    };
  }
  const standbyPorts = cluster.standbys.map((standby) => standby.port);
  const promoted = after.serverPort !== undefined && standbyPorts.includes(after.serverPort);
  return {
    target: label, status: 'measured', seconds: after.elapsedMs / 1000, attempts: after.attempts,
    newPrimaryPort: after.serverPort, landedOnFormerStandby: promoted, errorsSeen: after.errors.slice(0, 5),
    note: promoted ? `write landed on former standby :${after.serverPort}` : `write landed on :${after.serverPort}`,
  };
}

/** Runs one failover measurement for `target` in its own throw-away cluster under `rootDir`. */
export async function runFailoverBench(target: BenchTarget, rootDir: string, log: (line: string) => void): Promise<FailoverResult> {
  const unavailable = target.unavailableReason();
  if (unavailable) return { target: target.label, status: 'not available', note: unavailable };
  const cluster = await startBenchCluster({ rootDir: join(rootDir, 'cluster'), standbys: 2, pgbenchScale: 0, log });
  try {
    await prepareProbeTable(cluster);
    const workDir = join(rootDir, target.name);
    await makeDbOwnedDir(workDir, cluster.osUser, 0o755);
    const running = await target.start({ cluster, workDir, clients: 4, proxyWorkers: 1 });
    try {
      log(`failover: ${target.label} up; killing the primary with SIGKILL once writes are steady`);
      return await measure(cluster, running, target.label);
    } finally {
      await running.stop();
    }
  } finally {
    await cluster.stop();
  }
}

/** Folds repeated measurements of one target into one result whose time is the median of the measured rounds. */
export function combineFailoverRounds(rounds: readonly FailoverResult[]): FailoverResult {
  const measured = rounds.filter((round) => round.seconds !== undefined);
  const times = measured.map((round) => round.seconds!);
  const listed = times.map((seconds) => seconds.toFixed(2)).join(', ');
  const failed = rounds.length - measured.length;
  const elsewhere = measured.filter((round) => !round.landedOnFormerStandby).length;
  const where = elsewhere > 0 ? `; ${elsewhere} not on a former standby` : ', each on a former standby';
  const failures = failed > 0 ? `; ${failed} failed: ${rounds.find((round) => round.seconds === undefined)?.note}` : '';
  return {
    target: rounds[0].target,
    status: measured.length > 0 ? 'measured' : rounds[0].status,
    seconds: median(times),
    attempts: median(measured.map((round) => round.attempts ?? 0)),
    note: measured.length > 0 ? `median of ${measured.length} (${listed} s)${where}${failures}` : rounds[0].note,
    rounds: [...rounds],
  };
}

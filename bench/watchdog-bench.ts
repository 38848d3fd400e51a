// Watchdog benchmark: the time from kill -9 of the leader to the first successful query through the VIP, for the
// builtin watchdog and Pgpool-II's, with the same heartbeat settings, in the netns lab (test/support/netns-lab.ts):
// three members in three namespaces on one bridge, a client in a fourth querying through the VIP every ~20 ms
// (bench/vip-query-probe.ts), PostgreSQL on this machine's loopback behind a relay on the lab's host address.
// Each round kills the leader, waits for a query through the VIP to succeed, then restarts the killed member and
// waits until it has rejoined, so every round is a failover of a full three-member tier.
import { spawn, type ChildProcess } from 'node:child_process';
import { join } from 'node:path';
import pg from 'pg';
import { readLogTail } from '../providers/local/pg-command.ts';
import { takeoverDelayMs } from '../proxy/watchdog/watchdog-timing.ts';
import { WATCHDOG_TIMING_DEFAULTS } from '../proxy/config/proxy-defaults.ts';
import { createNetnsLab, netnsUnavailable, type NetnsLab } from '../test/support/netns-lab.ts';
import { startTcpRelay } from '../test/support/tcp-relay.ts';
import { startBenchCluster, type BenchCluster } from './bench-cluster.ts';
import { onCleanup, wasInterrupted } from './cleanup-stack.ts';
import { median } from './report-math.ts';
import { findInstalledBinary } from './targets/installed-binary.ts';
import { dropVip, labTier, type LabTier, type SharedWatchdogSettings, type WatchdogEngine } from './watchdog-lab-tier.ts';

export interface WatchdogRound {
  /** Kill → first successful query through the VIP (an attempt started after the kill); undefined if none came. */
  seconds?: number;
  killed: number;
  /** Members holding the VIP once a query succeeded again, the killed one included if it still has it. */
  holdersAfter: number[];
  /** Whether the killed member's interface still had the VIP once a query through it succeeded again. */
  vipLeftOnKilled: boolean;
}

export interface WatchdogResult {
  engine: WatchdogEngine;
  label: string;
  status: 'measured' | 'not available' | 'failed';
  settings?: Record<string, unknown>;
  rounds: WatchdogRound[];
  medianSeconds?: number;
  minSeconds?: number;
  maxSeconds?: number;
  note?: string;
}

/** Pgpool-II counts in whole seconds; these are its own documentation's example heartbeat settings, scaled down. */
export const SHARED_SETTINGS: SharedWatchdogSettings = { heartbeatIntervalMs: 1000, deadTimeMs: 3000 };
const RECOVERY_TIMEOUT_MS = 60_000;
const STEADY_MS = 1000;

interface Attempt {
  start: number;
  end: number;
  ok: boolean;
}

/** The client: the probe in the lab's client namespace, its attempts collected here. */
function startProbe(lab: NetnsLab, cluster: BenchCluster, port: number): { attempts: Attempt[]; child: ChildProcess } {
  const script = join(import.meta.dirname, 'vip-query-probe.ts');
  const [command, args] = lab.inNamespace(lab.client.ns, process.execPath, [script, lab.vip, String(port), cluster.role.name, cluster.database]);
  const child = spawn(command, args, { stdio: ['ignore', 'pipe', 'ignore'], env: { ...process.env, PGPASSWORD: cluster.role.password } });
  const attempts: Attempt[] = [];
  let buffered = '';
  child.stdout?.on('data', (chunk: Buffer) => {
    buffered += chunk.toString();
    const lines = buffered.split('\n');
    buffered = lines.pop()!;
    for (const line of lines) attempts.push(JSON.parse(line) as Attempt);
  });
  return { attempts, child };
}

async function until<T>(what: string, limitMs: number, check: () => T | undefined | Promise<T | undefined>): Promise<T> {
  const deadline = Date.now() + limitMs;
  for (;;) {
    const found = await check();
    if (found !== undefined) return found;
    if (Date.now() > deadline || wasInterrupted()) throw new Error(`${what}: not within ${limitMs / 1000} s`);
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}

/** Queries through the VIP have all succeeded for STEADY_MS (at least 10 of them), and one member holds it. */
function steady(attempts: readonly Attempt[], tier: LabTier): true | undefined {
  const since = Date.now() - STEADY_MS;
  const recent = attempts.filter((attempt) => attempt.start >= since);
  const probedLongEnough = attempts.length > 0 && attempts[0]!.start <= since;
  return probedLongEnough && recent.length >= 10 && recent.every((attempt) => attempt.ok) && tier.holders().length === 1 ? true : undefined;
}

/** The builtin member's own SHOW WATCHDOG names a leader and sees every member alive. */
async function builtinRejoined(host: string, port: number, cluster: BenchCluster): Promise<true | undefined> {
  const client = new pg.Client({ host, port, user: cluster.role.name, password: cluster.role.password, database: 'pgtopo', connectionTimeoutMillis: 1000 });
  client.on('error', () => undefined);
  try {
    await client.connect();
    const { rows } = await client.query<{ state: string; leader: string | null }>('SHOW WATCHDOG');
    return rows.every((row) => row.state !== 'LOST') && rows.some((row) => row.leader !== null) ? true : undefined;
  } catch {
    return undefined;
  } finally {
    await client.end().catch(() => undefined);
  }
}

/** Restarts a killed member and waits until it is a full member again (the next kill is then a real failover). */
async function rejoin(tier: LabTier, lab: NetnsLab, index: number, cluster: BenchCluster): Promise<void> {
  const startedAt = Date.now();
  // Pgpool-II with a watchdog opens its port only once it has joined, so for it being started is having rejoined.
  await tier.start(index);
  if (tier.engine !== 'builtin') return;
  await until('the restarted member rejoins', RECOVERY_TIMEOUT_MS, () => builtinRejoined(lab.members[index]!.address, tier.port, cluster));
  // A member that starts neither votes nor acks for the takeover delay (it may have forgotten a vote it gave).
  const timing = { ...WATCHDOG_TIMING_DEFAULTS, ...SHARED_SETTINGS };
  const wait = startedAt + takeoverDelayMs(timing) - Date.now();
  if (wait > 0) await new Promise((resolve) => setTimeout(resolve, wait));
}

async function measureRound(tier: LabTier, lab: NetnsLab, attempts: Attempt[]): Promise<WatchdogRound> {
  const [leader] = tier.holders();
  if (leader === undefined) throw new Error('no member holds the VIP');
  const killedAt = Date.now();
  await tier.kill9(leader);
  const first = await until('a query through the VIP succeeds after the kill', RECOVERY_TIMEOUT_MS,
    () => attempts.find((attempt) => attempt.start >= killedAt && attempt.ok)).catch(() => undefined);
  // Looked at once the VIP answers again: the builtin proxy's guard removes it moments after the proxy died.
  const vipLeftOnKilled = lab.holds(lab.members[leader]!.ns, lab.vip);
  return { killed: leader, vipLeftOnKilled, holdersAfter: tier.holders(), ...(first ? { seconds: (first.end - killedAt) / 1000 } : {}) };
}

/** The median, min and max of the rounds that recovered; failed when none did. */
export function summarizeWatchdogRounds(result: WatchdogResult): WatchdogResult {
  const times = result.rounds.flatMap((round) => (round.seconds === undefined ? [] : [round.seconds]));
  if (times.length === 0) return { ...result, status: 'failed', note: result.note ?? 'no round recovered' };
  return { ...result, status: 'measured', medianSeconds: median(times), minSeconds: Math.min(...times), maxSeconds: Math.max(...times) };
}

interface EngineRun {
  engine: WatchdogEngine;
  lab: NetnsLab;
  cluster: BenchCluster;
  backend: { host: string; port: number };
  dir: string;
  rounds: number;
  log: (line: string) => void;
}

async function benchEngine(run: EngineRun): Promise<WatchdogResult> {
  const { engine, lab, cluster, log } = run;
  const tier = labTier({ engine, lab, dir: run.dir, osUser: cluster.osUser, backend: run.backend, role: cluster.role, shared: SHARED_SETTINGS });
  const result: WatchdogResult = { engine, label: tier.label, status: 'failed', settings: tier.settings, rounds: [] };
  const stopTier = onCleanup(`${tier.label} in the netns lab`, () => tier.stopAll());
  let probe: ChildProcess | undefined;
  const stopProbe = onCleanup('the VIP probe', async () => void probe?.kill('SIGKILL'), { pids: () => (probe?.pid ? [probe.pid] : []) });
  try {
    log(`watchdog: starting 3 ${tier.label} members in the lab`);
    await tier.startAll();
    const started = startProbe(lab, cluster, tier.port);
    probe = started.child;
    for (let round = 1; round <= run.rounds && !wasInterrupted(); round++) {
      await until('steady queries through the VIP', RECOVERY_TIMEOUT_MS, () => steady(started.attempts, tier));
      const measured = await measureRound(tier, lab, started.attempts);
      result.rounds.push(measured);
      log(`watchdog ${tier.label} round ${round}: kill -9 of member ${measured.killed} → ${measured.seconds?.toFixed(2) ?? 'no'} s${measured.vipLeftOnKilled ? ' (the VIP stayed on the killed member)' : ''}`);
      if (measured.seconds === undefined) break;
      if (measured.vipLeftOnKilled) dropVip(lab, measured.killed);
      await rejoin(tier, lab, measured.killed, cluster);
    }
  } catch (error) {
    result.note = (error as Error).message.split('\n')[0];
    for (const index of lab.members.keys()) log(`watchdog ${tier.label} member ${index} log tail:\n${(await readLogTail(join(run.dir, `m${index}.log`), 1500)).trim()}`);
  } finally {
    await stopProbe();
    await stopTier();
  }
  return summarizeWatchdogRounds(result);
}

function unavailableEngines(engines: readonly WatchdogEngine[], reason: string): WatchdogResult[] {
  return engines.map((engine) => ({ engine, label: engine === 'builtin' ? 'builtin watchdog' : 'Pgpool-II watchdog', status: 'not available' as const, rounds: [], note: reason }));
}

/** Both engines, one after the other, in one lab over one PostgreSQL. */
export async function runWatchdogBench(engines: readonly WatchdogEngine[], rounds: number, rootDir: string, log: (line: string) => void): Promise<WatchdogResult[]> {
  if (engines.length === 0) return [];
  const why = netnsUnavailable();
  if (why) return unavailableEngines(engines, why);
  const cluster = await startBenchCluster({ rootDir: join(rootDir, 'cluster'), standbys: 0, pgbenchScale: 0, log });
  const lab = createNetnsLab({ prefix: 'wb', members: 3, hostLink: true });
  const removeLab = onCleanup('the netns lab', async () => lab.tearDown());
  const relay = await startTcpRelay(lab.hostAddress!, 0, { host: cluster.primary.host, port: cluster.primary.port });
  const stopRelay = onCleanup('the PostgreSQL relay', () => relay.close());
  try {
    const results: WatchdogResult[] = [];
    for (const engine of engines) {
      const missing = engine === 'pgpool2' ? findInstalledBinary('pgpool', 'pgpool2').missingReason : undefined;
      if (missing) {
        results.push(...unavailableEngines([engine], missing));
        continue;
      }
      const backend = { host: relay.host, port: relay.port };
      results.push(await benchEngine({ engine, lab, cluster, backend, dir: join(rootDir, `watchdog-${engine}`), rounds, log }));
    }
    return results;
  } finally {
    await stopRelay();
    await removeLab();
    await cluster.stop();
  }
}

// Watchdog benchmark: the time from losing the leader to the first successful query through the VIP, for the
// builtin watchdog and Pgpool-II's, with the same heartbeat settings, in the netns lab (test/support/netns-lab.ts):
// three members in three namespaces on one bridge, a client in a fourth querying through the VIP every ~20 ms
// (bench/vip-query-probe.ts), PostgreSQL on this machine's loopback behind a relay on the lab's host address.
// Two scenarios, each repeated: kill -9 of the leader (then the killed member restarts and rejoins), and the leader's
// cable cut (then plugged back in), so every round fails over a full three-member tier. A kill closes the dead
// member's TCP connections, which a watchdog may notice at once; a cut cable, like a host losing power, closes none.
import { spawn, type ChildProcess } from 'node:child_process';
import { join } from 'node:path';
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

export type WatchdogScenario = 'kill' | 'cut';

export const SCENARIO_TEXT: Record<WatchdogScenario, string> = { kill: 'kill -9 of the leader', cut: "the leader's cable cut" };

export interface WatchdogRound {
  /** Kill or cut → first successful query through the VIP (an attempt started after it); undefined if none came. */
  seconds?: number;
  leader: number;
  /** Members holding the VIP once a query succeeded again, the old leader included if it still has it. */
  holdersAfter: number[];
  /**
   * Whether the old leader's interface still had the VIP once a query through it succeeded again: after a kill, an
   * address nobody removed; after a cut, a second holder on the cut-off side.
   */
  vipLeftOnOld: boolean;
}

export interface WatchdogResult {
  engine: WatchdogEngine;
  label: string;
  scenario: WatchdogScenario;
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
function steady(attempts: readonly Attempt[], tier: LabTier): boolean {
  const since = Date.now() - STEADY_MS;
  const recent = attempts.filter((attempt) => attempt.start >= since);
  const probedLongEnough = attempts.length > 0 && attempts[0]!.start <= since;
  return probedLongEnough && recent.length >= 10 && recent.every((attempt) => attempt.ok) && tier.holders().length === 1;
}

/** Ready for a round: steady, and every member a full member (LabTier.joined). */
async function ready(attempts: readonly Attempt[], tier: LabTier): Promise<true | undefined> {
  if (!steady(attempts, tier)) return undefined;
  const joined = await Promise.all(tier.memberIndexes().map((index) => tier.joined(index)));
  return joined.every(Boolean) ? true : undefined;
}

/**
 * Restarts a killed member. Pgpool-II with a watchdog opens its port only once it has joined; a builtin member that
 * starts neither votes nor acks for the takeover delay (it may have forgotten a vote it gave), so that is waited out
 * too. Whether it then takes its full part, ready() sees before the next round.
 */
async function restart(tier: LabTier, index: number): Promise<void> {
  const startedAt = Date.now();
  await tier.start(index);
  if (tier.engine !== 'builtin') return;
  const wait = startedAt + takeoverDelayMs({ ...WATCHDOG_TIMING_DEFAULTS, ...SHARED_SETTINGS }) - Date.now();
  if (wait > 0) await new Promise((resolve) => setTimeout(resolve, wait));
}

interface ScenarioRun {
  tier: LabTier;
  lab: NetnsLab;
  attempts: Attempt[];
  scenario: WatchdogScenario;
}

async function measureRound({ tier, lab, attempts, scenario }: ScenarioRun): Promise<WatchdogRound> {
  const [leader] = tier.holders();
  if (leader === undefined) throw new Error('no member holds the VIP');
  const at = Date.now();
  if (scenario === 'kill') await tier.kill9(leader);
  else lab.setCable(lab.members[leader]!, false);
  const first = await until('a query through the VIP succeeds', RECOVERY_TIMEOUT_MS,
    () => attempts.find((attempt) => attempt.start >= at && attempt.ok)).catch(() => undefined);
  // Looked at once the VIP answers again: the builtin proxy's guard removes it moments after the proxy died.
  const vipLeftOnOld = lab.holds(lab.members[leader]!.ns, lab.vip);
  return { leader, vipLeftOnOld, holdersAfter: tier.holders(), ...(first ? { seconds: (first.end - at) / 1000 } : {}) };
}

/** Brings the old leader back as a full member: restarted after a kill, plugged back in after a cut. */
async function restore({ tier, lab, scenario }: ScenarioRun, round: WatchdogRound): Promise<void> {
  if (scenario === 'kill') {
    if (round.vipLeftOnOld) dropVip(lab, round.leader);
    await restart(tier, round.leader);
    return;
  }
  lab.setCable(lab.members[round.leader]!, true);
}

async function runScenario(run: ScenarioRun, rounds: number, log: (line: string) => void): Promise<WatchdogResult> {
  const { tier, scenario } = run;
  const result: WatchdogResult = { engine: tier.engine, label: tier.label, scenario, status: 'failed', settings: tier.settings, rounds: [] };
  try {
    for (let round = 1; round <= rounds && !wasInterrupted(); round++) {
      await until('every member joined, and steady queries through the VIP', RECOVERY_TIMEOUT_MS, () => ready(run.attempts, tier));
      const measured = await measureRound(run);
      result.rounds.push(measured);
      const left = measured.vipLeftOnOld ? ' (the old leader still has the VIP)' : '';
      log(`watchdog ${tier.label}, ${SCENARIO_TEXT[scenario]} (member ${measured.leader}), round ${round}: ${measured.seconds?.toFixed(2) ?? 'no answer'} s${left}`);
      await restore(run, measured);
      if (measured.seconds === undefined) break;
    }
  } catch (error) {
    result.note = (error as Error).message.split('\n')[0];
  }
  return summarizeWatchdogRounds(result);
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

async function benchEngine(run: EngineRun): Promise<WatchdogResult[]> {
  const { engine, lab, cluster, log } = run;
  const tier = labTier({ engine, lab, dir: run.dir, osUser: cluster.osUser, backend: run.backend, role: cluster.role, shared: SHARED_SETTINGS });
  const stopTier = onCleanup(`${tier.label} in the netns lab`, () => tier.stopAll());
  let probe: ChildProcess | undefined;
  const stopProbe = onCleanup('the VIP probe', async () => void probe?.kill('SIGKILL'), { pids: () => (probe?.pid ? [probe.pid] : []) });
  const results: WatchdogResult[] = [];
  try {
    log(`watchdog: starting 3 ${tier.label} members in the lab`);
    await tier.startAll();
    const started = startProbe(lab, cluster, tier.port);
    probe = started.child;
    for (const scenario of ['kill', 'cut'] as const) {
      results.push(await runScenario({ tier, lab, attempts: started.attempts, scenario }, run.rounds, log));
    }
  } catch (error) {
    results.push(...unavailableEngines([engine], (error as Error).message.split('\n')[0], 'failed'));
  } finally {
    if (results.some((result) => result.status === 'failed' || result.note)) {
      for (const index of lab.members.keys()) log(`watchdog ${tier.label} member ${index} log tail:\n${(await readLogTail(join(run.dir, `m${index}.log`), 1500)).trim()}`);
    }
    await stopProbe();
    await stopTier();
  }
  return results;
}

function unavailableEngines(engines: readonly WatchdogEngine[], reason: string, status: 'not available' | 'failed' = 'not available'): WatchdogResult[] {
  return engines.flatMap((engine) => (['kill', 'cut'] as const).map((scenario) => ({
    engine, label: engine === 'builtin' ? 'builtin watchdog' : 'Pgpool-II watchdog', scenario, status, rounds: [], note: reason,
  })));
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
      results.push(...await benchEngine({ engine, lab, cluster, backend, dir: join(rootDir, `watchdog-${engine}`), rounds, log }));
    }
    return results;
  } finally {
    await stopRelay();
    await removeLab();
    await cluster.stop();
  }
}

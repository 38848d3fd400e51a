// One engine's watchdog tier in the netns lab: three members, each in its own namespace, rendered from one topology
// by pgtopo's own code (proxyTierConfig, then the local provider's writeProxyFiles: proxy.yaml for the builtin proxy,
// pgpool.conf + pool_hba.conf + pool_passwd + pcp.conf for Pgpool-II) with the same heartbeat interval, dead time and
// `ip` VIP on eth0. Each member runs as the database OS user with CAP_NET_ADMIN as its one (ambient) capability,
// which is what `ip addr` needs (arping brings its own CAP_NET_RAW), as the local provider starts the builtin proxy.
// Ports are fixed: each member is alone in its namespace.
import { spawnSync } from 'node:child_process';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { effectiveFeatures } from '../engine/features/effective-features.ts';
import { makeDbOwnedDir, type DbOsUser } from '../providers/local/os-user.ts';
import { findPgpool } from '../providers/local/proxy-process.ts';
import { writeProxyFiles } from '../providers/local/proxy-files.ts';
import { waitForExit } from '../providers/local/postmaster-process.ts';
import { proxyTierConfig, type BackendAddress } from '../proxy-tier/proxy-tier-config.ts';
import { sameHostDelivery } from '../proxy-tier/same-host-delivery.ts';
import { WATCHDOG_TIMING_DEFAULTS } from '../proxy/config/proxy-defaults.ts';
import { PROXY_NODE_FLAGS } from '../proxy/young-generation.ts';
import type { ProxyTierConfig } from '../proxy/config/proxy-tier-settings.ts';
import type { WatchdogMember } from '../proxy/config/watchdog-tier-settings.ts';
import type { Cluster } from '../schemas/topology.ts';
import type { NetnsLab } from '../test/support/netns-lab.ts';
import pg from 'pg';
import { startDaemon, type Daemon } from './daemon-process.ts';

export type WatchdogEngine = 'builtin' | 'pgpool2';

/** The settings both engines get. Whole seconds: Pgpool-II's wd_heartbeat_keepalive and deadtime are seconds. */
export interface SharedWatchdogSettings {
  heartbeatIntervalMs: number;
  deadTimeMs: number;
}

export interface LabTierOptions {
  engine: WatchdogEngine;
  lab: NetnsLab;
  dir: string;
  osUser: DbOsUser;
  /** PostgreSQL as the lab's members reach it. */
  backend: { host: string; port: number };
  role: { name: string; password: string };
  shared: SharedWatchdogSettings;
}

export interface LabTier {
  engine: WatchdogEngine;
  label: string;
  port: number;
  /** Every watchdog setting the engine runs with, as it sees them (printed with the results). */
  settings: Record<string, unknown>;
  startAll(): Promise<void>;
  start(index: number): Promise<void>;
  /** SIGKILL of the member's proxy processes; resolves once they are gone. */
  kill9(index: number): Promise<void>;
  /** The members whose namespace has the VIP on eth0. */
  holders(): number[];
  memberIndexes(): number[];
  /**
   * Whether the member takes its full part: the builtin proxy's own SHOW WATCHDOG sees every member alive and a
   * leader; Pgpool-II's lifecheck has started since the member's last start ("watchdog: lifecheck started"): until
   * then it checks no heartbeat, and a member that goes silent is noticed only when its watchdog messages stop (30 s).
   */
  joined(index: number): Promise<boolean>;
  stopAll(): Promise<void>;
}

const PORT = 6432;
const PASSWORD_ENV = 'PGTOPO_WATCHDOG_BENCH_PASSWORD';
const PGTOPO = join(import.meta.dirname, '../bin/pgtopo');
/** Pgpool-II with a watchdog opens its port only once the watchdog cluster has formed around it. */
const START_TIMEOUT_MS = 90_000;

function renderTier(options: LabTierOptions, index: number): ProxyTierConfig {
  const { engine, lab, backend, role, shared } = options;
  const cluster: Cluster = {
    environment: 'local',
    proxy: { engine, instances: lab.members.length, port: PORT, ha: { method: 'watchdog', vip: { type: 'ip', address: lab.vip, interface: 'eth0', prefixLength: 32 } } },
  };
  const members: WatchdogMember[] = lab.members.map((member) => ({ host: member.address, port: PORT, watchdogPort: 9000, heartbeatPort: 9694 }));
  const backends: BackendAddress[] = [{ name: 'pg0', host: backend.host, port: backend.port, role: 'primary' }];
  const tier = proxyTierConfig({
    clusterName: 'wdbench', cluster, features: effectiveFeatures('wdbench', cluster), index, delivery: sameHostDelivery(options.dir),
    users: [{ name: role.name, admin: true, password: { fromEnv: PASSWORD_ENV } }], backends,
    // Pgpool-II answers on the VIP only if it listens on every address; the builtin proxy adds a VIP listener.
    listen: { host: engine === 'pgpool2' ? '*' : lab.members[index]!.address, port: PORT }, metricsPort: null, watchdogMembers: members,
  });
  if (!tier.watchdog || !tier.config.watchdog) throw new Error('the rendered tier has no watchdog');
  return {
    ...tier,
    config: { ...tier.config, watchdog: { ...tier.config.watchdog, ...shared } },
    watchdog: { ...tier.watchdog, ...shared },
  };
}

function engineSettings(options: LabTierOptions): Record<string, unknown> {
  const vip = `${options.lab.vip}/32 on eth0`;
  if (options.engine === 'builtin') {
    const { leaseMs, releaseTimeoutMs } = WATCHDOG_TIMING_DEFAULTS;
    return { ...options.shared, leaseMs, releaseTimeoutMs, vip: `${vip}, the ip driver (ip addr + arping -U, a guard removes it if the proxy dies)` };
  }
  const tier = renderTier(options, 0);
  return { wd_heartbeat_keepalive: tier.watchdog!.heartbeatIntervalMs / 1000, wd_heartbeat_deadtime: tier.watchdog!.deadTimeMs / 1000, vip: `${vip}, delegate_IP with if_up_cmd/if_down_cmd/arping_cmd as pgtopo renders them` };
}

function command(options: LabTierOptions, dir: string): [string, string[]] {
  const { osUser } = options;
  const identity = [`--reuid=${osUser.uid}`, `--regid=${osUser.gid}`, '--init-groups', '--inh-caps=+net_admin', '--ambient-caps=+net_admin', '--'];
  if (options.engine === 'builtin') return ['setpriv', [...identity, process.execPath, ...PROXY_NODE_FLAGS, PGTOPO, 'proxy', '--config', join(dir, 'proxy.yaml')]];
  // -n: foreground; -D: forget the backend states of the previous start (a killed member restarts).
  return ['setpriv', [...identity, findPgpool(), '-n', '-D', '-f', join(dir, 'pgpool.conf'), '-a', join(dir, 'pool_hba.conf'), '-F', join(dir, 'pcp.conf')]];
}

/** The member's own SHOW WATCHDOG (its admin console) names a leader and sees every member alive. */
async function builtinJoined(host: string, role: LabTierOptions['role']): Promise<boolean> {
  const client = new pg.Client({ host, port: PORT, user: role.name, password: role.password, database: 'pgtopo', connectionTimeoutMillis: 1000 });
  client.on('error', () => undefined);
  try {
    await client.connect();
    const { rows } = await client.query<{ state: string; leader: string | null }>('SHOW WATCHDOG');
    return rows.every((row) => row.state !== 'LOST') && rows.some((row) => row.leader !== null);
  } catch {
    return false;
  } finally {
    await client.end().catch(() => undefined);
  }
}

async function occurrences(file: string, text: string): Promise<number> {
  return (await readFile(file, 'utf8').catch(() => '')).split(text).length - 1;
}

export function labTier(options: LabTierOptions): LabTier {
  const { engine, lab } = options;
  const daemons: (Daemon | undefined)[] = lab.members.map(() => undefined);
  const envs: Record<string, string>[] = [];
  const starts = lab.members.map(() => 0);
  const logFile = (index: number) => join(options.dir, `m${index}.log`);
  const memberDir = (index: number) => join(options.dir, `m${index}`);

  async function prepare(): Promise<void> {
    await makeDbOwnedDir(options.dir, options.osUser, 0o755);
    process.env[PASSWORD_ENV] = options.role.password;
    for (const index of lab.members.keys()) envs[index] = await writeProxyFiles(memberDir(index), renderTier(options, index), 9898, options.osUser);
  }

  async function start(index: number): Promise<void> {
    const member = lab.members[index]!;
    const [ip, args] = lab.inNamespace(member.ns, ...command(options, memberDir(index)));
    daemons[index] = await startDaemon({
      label: `${engine} watchdog member ${index}`, command: ip, args, cwd: memberDir(index), logFile: logFile(index),
      host: member.address, port: PORT, env: { ...process.env, ...envs[index] }, stopSignal: engine === 'pgpool2' ? 'SIGINT' : 'SIGTERM',
      startTimeoutMs: START_TIMEOUT_MS,
    });
    starts[index]++;
  }

  async function kill9(index: number): Promise<void> {
    const daemon = daemons[index];
    if (!daemon) return;
    // Pgpool-II's children (its watchdog, the ones serving clients) outlive a parent killed alone; they are Pgpool-II
    // too. The builtin proxy's VIP guard is not the proxy: it exists to remove the VIP when the proxy dies.
    const pids = engine === 'pgpool2' ? daemon.processTree() : [daemon.pid];
    for (const pid of pids) {
      try {
        process.kill(pid, 'SIGKILL');
      } catch {
        // gone already
      }
    }
    await waitForExit(pids, 10_000);
    await daemon.stop();
    daemons[index] = undefined;
  }

  return {
    engine,
    label: engine === 'builtin' ? 'builtin watchdog' : 'Pgpool-II watchdog',
    port: PORT,
    settings: engineSettings(options),
    startAll: async () => {
      await prepare();
      await Promise.all(lab.members.map((_, index) => start(index)));
    },
    start,
    kill9,
    holders: () => lab.members.flatMap((member, index) => (lab.holds(member.ns, lab.vip) ? [index] : [])),
    memberIndexes: () => [...lab.members.keys()],
    joined: async (index) => (engine === 'builtin'
      ? builtinJoined(lab.members[index]!.address, options.role)
      : (await occurrences(logFile(index), 'watchdog: lifecheck started')) >= starts[index]!),
    stopAll: async () => {
      for (const daemon of daemons) await daemon?.stop();
      daemons.fill(undefined);
    },
  };
}

/** Takes the VIP off a member's eth0: what a reboot of a host whose proxy crashed holding it would do. */
export function dropVip(lab: NetnsLab, index: number): void {
  spawnSync('ip', ['-n', lab.members[index]!.ns, 'addr', 'del', `${lab.vip}/32`, 'dev', 'eth0']);
}

// A proxy process in the background: the builtin proxy (`pgtopo proxy --config`) or Pgpool-II (`pgpool -n`).
// It is started detached in its own session so it outlives the CLI, and found again through its pid file; a pid
// counts only while /proc says that process still runs our config file, so a recycled pid is never mistaken.
import { spawn } from 'node:child_process';
import { closeSync, fchownSync, openSync, readFileSync } from 'node:fs';
import { rm, writeFile } from 'node:fs/promises';
import { connect } from 'node:net';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { assertParentsTraversable, dbSpawnIdentity, type DbOsUser } from './os-user.ts';
import { isExecutable } from './pg-binaries.ts';
import { isProcessAlive, liveGroupMembersIn, readLockFilePid, waitForExit } from './postmaster-process.ts';
import { readLogTail } from './pg-command.ts';
import { pgpoolPidFile } from '../../proxy/pgpool2/render-pgpool-conf.ts';
import { PROXY_NODE_FLAGS } from '../../proxy/young-generation.ts';

export type ProxyEngine = 'builtin' | 'pgpool2';

export interface ProxyProcessSpec {
  dir: string;
  engine: ProxyEngine;
  /** The file the process runs from: proxy.yaml, or pgpool.conf. */
  configFile: string;
  host: string;
  port: number;
  /** Environment the proxy resolves `{ env }` secrets from. */
  env: Record<string, string>;
  /** The OS user the proxy runs as: it parses untrusted network input, so never root (see os-user.ts). */
  user: DbOsUser;
  /** Capabilities it keeps as that user (`net_admin` for the watchdog's `ip` VIP), by their names without `cap_`. */
  capabilities?: string[];
  /** Pgpool-II: start from the pgpool_status pgtopo wrote (pgpool-start-status.ts) instead of discarding it (-D). */
  keepStatus?: boolean;
}

export class ProxyProcessError extends Error {}

const PGTOPO_BIN = fileURLToPath(new URL('../../bin/pgtopo', import.meta.url));
const PGPOOL_CANDIDATES = ['/usr/sbin/pgpool', '/usr/bin/pgpool', '/usr/local/bin/pgpool'];
const READY_TIMEOUT_MS = 20_000;
const STOP_GRACE_MS = 5_000;

export function pidFile(dir: string): string {
  return join(dir, 'proxy.pid');
}

export function logFile(dir: string): string {
  return join(dir, 'proxy.log');
}

/** The pid of the running proxy of `dir`, or undefined when it is not running. */
export function runningProxyPid(dir: string, configFile: string): number | undefined {
  const pid = readLockFilePid(pidFile(dir));
  if (pid === undefined || !isProcessAlive(pid)) return undefined;
  try {
    return readFileSync(`/proc/${pid}/cmdline`, 'utf8').includes(configFile) ? pid : undefined;
  } catch {
    return pid; // no /proc (macOS): the liveness probe is all we have
  }
}

export function findPgpool(): string {
  const found = [process.env.PGTOPO_PGPOOL, ...PGPOOL_CANDIDATES].find((path) => path && isExecutable(path));
  if (!found) {
    throw new ProxyProcessError(
      'proxy engine pgpool2 needs the Pgpool-II binary `pgpool`, which is not installed ' +
        '(Debian/Ubuntu: `apt-get install pgpool2`; or set PGTOPO_PGPOOL to its path), or use `engine: builtin`.');
  }
  return found;
}

/** Bit numbers of the capabilities a proxy may be given (linux/capability.h). */
const CAPABILITY_BITS: Record<string, number> = { net_admin: 12 };

/** Whether this process has `capability` in its effective set (Linux; elsewhere there are no capabilities to pass). */
function hasCapability(capability: string): boolean {
  try {
    const effective = /^CapEff:\s*([0-9a-f]+)$/m.exec(readFileSync('/proc/self/status', 'utf8'))?.[1] ?? '0';
    return (BigInt(`0x${effective}`) >> BigInt(CAPABILITY_BITS[capability] ?? 63)) % 2n === 1n;
  } catch {
    return false;
  }
}

/**
 * The proxy with its capabilities: when pgtopo is root it switches to the database user with setpriv (util-linux),
 * which keeps exactly those capabilities as ambient ones across the switch and the exec of node; `spawn`'s own uid
 * switch would drop them all. Not root, it can pass on only what it has itself.
 */
function withCapabilities(spec: ProxyProcessSpec, [executable, args]: [string, string[]]): [string, string[]] {
  const capabilities = spec.capabilities ?? [];
  if (capabilities.length === 0) return [executable, args];
  if (!spec.user.isRoot) {
    const missing = capabilities.filter((capability) => !hasCapability(capability));
    if (missing.length > 0) {
      throw new ProxyProcessError(`the proxy needs ${missing.map((c) => `CAP_${c.toUpperCase()}`).join(', ')} for the watchdog's \`ip\` VIP (ip addr add/del); ` +
        'run pgtopo as root (the proxy then runs as the database user with only that capability), or give this process the capability');
    }
    return [executable, args];
  }
  const caps = capabilities.map((capability) => `+${capability}`).join(',');
  const setpriv = ['/usr/bin/setpriv', '/bin/setpriv'].find((path) => isExecutable(path)) ?? 'setpriv';
  return [setpriv, [`--reuid=${spec.user.uid}`, `--regid=${spec.user.gid}`, '--init-groups', `--inh-caps=${caps}`, `--ambient-caps=${caps}`, '--', executable, ...args]];
}

function command(spec: ProxyProcessSpec): [string, string[]] {
  if (spec.engine === 'builtin') return withCapabilities(spec, [process.execPath, [...PROXY_NODE_FLAGS, PGTOPO_BIN, 'proxy', '--config', spec.configFile]]);
  // -n: stay in the foreground (we detach it ourselves); -D: forget node states of a previous run.
  const discard = spec.keepStatus ? [] : ['-D'];
  return [findPgpool(), ['-n', ...discard, '-f', spec.configFile, '-a', join(spec.dir, 'pool_hba.conf'), '-F', join(spec.dir, 'pcp.conf')]];
}

export async function startProxyProcess(spec: ProxyProcessSpec): Promise<number> {
  const [executable, args] = command(spec);
  await killStranded(spec.dir); // they would hold the port
  if (spec.engine === 'pgpool2') await removeStalePidFile(pgpoolPidFile(spec.dir));
  if (spec.engine === 'builtin') await assertParentsTraversable(PGTOPO_BIN, spec.user);
  const log = openSync(logFile(spec.dir), 'a', 0o600);
  let child;
  try {
    if (spec.user.isRoot) fchownSync(log, spec.user.uid, spec.user.gid);
    // setpriv switches the user itself, keeping the capabilities.
    const identity = executable.endsWith('setpriv') ? {} : dbSpawnIdentity(spec.user);
    child = spawn(executable, args, {
      cwd: spec.dir, detached: true, stdio: ['ignore', log, log], env: { ...process.env, ...spec.env }, ...identity,
    });
  } finally {
    closeSync(log);
  }
  const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
  child.unref();
  if (child.pid === undefined) throw new ProxyProcessError(`could not start ${executable}`);
  await writeFile(pidFile(spec.dir), `${child.pid}\n`, { mode: 0o644 });
  const outcome = await Promise.race([waitForPort(spec.host, spec.port), exited.then((code) => ({ exited: code }))]);
  if (outcome !== true) {
    const tail = (await readLogTail(logFile(spec.dir))).trim();
    const why = typeof outcome === 'object' ? `exited with code ${outcome.exited}` : `did not listen on ${spec.host}:${spec.port} within ${READY_TIMEOUT_MS / 1000}s`;
    await stopProxyProcess(spec.dir, spec.configFile);
    throw new ProxyProcessError(`the ${spec.engine} proxy ${why}. Log tail (${logFile(spec.dir)}):\n${tail}`);
  }
  return child.pid;
}

function canConnect(host: string, port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = connect({ host, port });
    socket.once('connect', () => {
      socket.destroy();
      resolve(true);
    });
    socket.once('error', () => resolve(false));
  });
}

async function waitForPort(host: string, port: number): Promise<boolean> {
  const deadline = Date.now() + READY_TIMEOUT_MS;
  while (Date.now() < deadline) {
    if (await canConnect(host, port)) return true;
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
  return false;
}

/** Whether the proxy accepts TCP connections on its port: the health `pgtopo status` shows. */
export function proxyAnswers(host: string, port: number): Promise<boolean> {
  return canConnect(host, port);
}

/** SIGHUP: both engines re-read their configuration without dropping clients. */
export function reloadProxyProcess(dir: string, configFile: string): boolean {
  const pid = runningProxyPid(dir, configFile);
  if (pid === undefined) return false;
  process.kill(pid, 'SIGHUP');
  return true;
}

/**
 * SIGTERM (the builtin proxy lets transactions finish), SIGKILL after a grace period; removes the pid file. Children
 * a dead proxy left behind are killed too (see killStranded).
 */
export async function stopProxyProcess(dir: string, configFile: string): Promise<void> {
  const pid = runningProxyPid(dir, configFile);
  if (pid !== undefined) {
    signal(pid, 'SIGTERM');
    if ((await waitForExit([pid], STOP_GRACE_MS)).length > 0) {
      signal(pid, 'SIGKILL');
      await waitForExit([pid], STOP_GRACE_MS);
    }
  }
  await killStranded(dir);
  await rm(pidFile(dir), { force: true });
}

/**
 * When Pgpool-II's main process dies (4.3 segfaults at start if a node it counts as up is unreachable while another
 * is the primary: fixed in 4.4.7), its children live on: they keep the listening socket, so clients still reach
 * them, with a view of the nodes nobody updates, and a new Pgpool-II cannot bind the port. They are the dead
 * leader's process group, in the proxy's directory.
 */
async function killStranded(dir: string): Promise<void> {
  const leader = readLockFilePid(pidFile(dir));
  if (leader === undefined) return;
  const stranded = liveGroupMembersIn(leader, dir);
  for (const pid of stranded) signal(pid, 'SIGKILL');
  await waitForExit(stranded, STOP_GRACE_MS);
}

/** Pgpool-II refuses to start while its pid file exists, even when that process is gone (a crash leaves it). */
async function removeStalePidFile(path: string): Promise<void> {
  const pid = readLockFilePid(path);
  if (pid !== undefined && !isProcessAlive(pid)) await rm(path, { force: true });
}

function signal(pid: number, name: NodeJS.Signals): void {
  try {
    // The whole process group: Pgpool-II's children and the builtin proxy's workers go with their parent.
    process.kill(-pid, name);
  } catch {
    try {
      process.kill(pid, name);
    } catch {
      // already gone
    }
  }
}

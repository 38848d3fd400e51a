// A long-running server process the benchmark starts (PgBouncer, Pgpool-II, the builtin proxy): spawned in
// the foreground as the database OS user, output to a log file, ready once its TCP port accepts, stopped by
// a signal and then SIGKILL for the whole process tree if it does not exit in time.
import { spawn, type ChildProcess } from 'node:child_process';
import { openSync, closeSync } from 'node:fs';
import { connect } from 'node:net';
import { dbSpawnIdentity, type DbOsUser } from '../providers/local/os-user.ts';
import { readLogTail } from '../providers/local/pg-command.ts';
import { isProcessAlive, liveChildrenOf, waitForExit } from '../providers/local/postmaster-process.ts';
import { onCleanup } from './cleanup-stack.ts';

export interface DaemonSpec {
  label: string;
  command: string;
  args: string[];
  cwd: string;
  logFile: string;
  port: number;
  host: string;
  /** Run as this OS user (the database user when we are root); undefined runs as ourselves. */
  user?: DbOsUser;
  env?: NodeJS.ProcessEnv;
  /** Signal that asks for a prompt shutdown. */
  stopSignal: NodeJS.Signals;
  startTimeoutMs?: number;
}

/** How much of a daemon's log a failed run or start-up keeps. */
const LOG_TAIL_BYTES = 2048;

export class DaemonStartError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'DaemonStartError';
  }
}

export interface Daemon {
  pid: number;
  /** The daemon and its live descendants. */
  processTree(): number[];
  /** The end of its log: what it said about a run that failed. */
  logTail(): Promise<string>;
  stop(): Promise<void>;
}

function portAccepts(host: string, port: number): Promise<boolean> {
  return new Promise((resolveAccepts) => {
    const socket = connect({ host, port });
    socket.once('connect', () => {
      socket.destroy();
      resolveAccepts(true);
    });
    socket.once('error', () => resolveAccepts(false));
  });
}

function descendants(pid: number): number[] {
  const found: number[] = [];
  const queue = [pid];
  while (queue.length > 0) {
    const children = liveChildrenOf(queue.pop()!);
    found.push(...children);
    queue.push(...children);
  }
  return found;
}

async function stopChild(child: ChildProcess, signal: NodeJS.Signals): Promise<void> {
  const pid = child.pid!;
  if (!isProcessAlive(pid)) return;
  const tree = [pid, ...descendants(pid)];
  child.kill(signal);
  const survivors = await waitForExit(tree, 10_000);
  for (const survivor of survivors) {
    try {
      process.kill(survivor, 'SIGKILL');
    } catch {
      // exited meanwhile
    }
  }
  await waitForExit(survivors, 5_000);
}

async function waitUntilReady(spec: DaemonSpec, child: ChildProcess, exited: () => string | undefined): Promise<void> {
  const deadline = Date.now() + (spec.startTimeoutMs ?? 20_000);
  for (;;) {
    const exit = exited();
    if (exit !== undefined) {
      const tail = (await readLogTail(spec.logFile, LOG_TAIL_BYTES)).trim();
      throw new DaemonStartError(`${spec.label} exited during start-up (${exit}).${tail ? `\nLog tail:\n${tail}` : ''}`);
    }
    if (await portAccepts(spec.host, spec.port)) return;
    if (Date.now() > deadline) {
      await stopChild(child, 'SIGKILL');
      throw new DaemonStartError(`${spec.label} did not accept connections on ${spec.host}:${spec.port} in time (log: ${spec.logFile}).`);
    }
    await new Promise((resolveWait) => setTimeout(resolveWait, 50));
  }
}

/** Starts the daemon and resolves once its port accepts connections; registers its cleanup. */
export async function startDaemon(spec: DaemonSpec): Promise<Daemon> {
  const logFd = openSync(spec.logFile, 'a', 0o644);
  const child = spawn(spec.command, spec.args, {
    cwd: spec.cwd,
    env: spec.env ?? process.env,
    stdio: ['ignore', logFd, logFd],
    ...(spec.user ? dbSpawnIdentity(spec.user) : {}),
  });
  closeSync(logFd);
  let exitDescription: string | undefined;
  child.once('exit', (code, signal) => {
    exitDescription = signal ? `signal ${signal}` : `exit ${code}`;
  });
  const spawned = await new Promise<Error | undefined>((resolveSpawn) => {
    child.once('spawn', () => resolveSpawn(undefined));
    child.once('error', resolveSpawn);
  });
  if (spawned) throw new DaemonStartError(`${spec.label} could not be started (${spec.command}): ${spawned.message}`);
  const pid = child.pid!;
  const stop = onCleanup(spec.label, () => stopChild(child, spec.stopSignal), { pids: () => [pid, ...descendants(pid)] });
  try {
    await waitUntilReady(spec, child, () => exitDescription);
  } catch (error) {
    await stop();
    throw error;
  }
  return {
    pid,
    processTree: () => (isProcessAlive(pid) ? [pid, ...descendants(pid)] : []),
    logTail: async () => (await readLogTail(spec.logFile, LOG_TAIL_BYTES)).trim(),
    stop,
  };
}

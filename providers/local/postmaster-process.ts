// Facts about a running postmaster taken from postmaster.pid and /proc. Liveness treats zombies as
// dead because in containers PID 1 often never reaps the orphaned postmaster after it exits.
import { readFileSync, readdirSync, readlinkSync } from 'node:fs';
import { rm } from 'node:fs/promises';
import { join } from 'node:path';

/** The PID on the first line of a PostgreSQL lock file, or undefined when there is no such file. */
export function readLockFilePid(path: string): number | undefined {
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch {
    return undefined;
  }
  const pid = Number.parseInt(text.split('\n')[0], 10);
  return Number.isInteger(pid) && pid > 0 ? pid : undefined;
}

/** The postmaster PID recorded in `<dataDir>/postmaster.pid`. */
export function readPostmasterPid(dataDir: string): number | undefined {
  return readLockFilePid(join(dataDir, 'postmaster.pid'));
}

interface ProcStat {
  state: string;
  ppid: number;
  pgrp: number;
  /** Clock ticks after boot at which the process started: with the pid, it names one process for good. */
  startTime: string;
}

function readProcStat(pid: number): ProcStat | undefined {
  try {
    const text = readFileSync(`/proc/${pid}/stat`, 'utf8');
    // Fields after the parenthesised command name: state (3) ppid (4) pgrp (5) ... starttime (22).
    const fields = text.slice(text.lastIndexOf(')') + 2).split(' ');
    return { state: fields[0], ppid: Number(fields[1]), pgrp: Number(fields[2]), startTime: fields[19] };
  } catch {
    return undefined;
  }
}

/** When the live process `pid` started (see ProcStat.startTime); undefined when it is gone or a zombie. */
export function processStartTime(pid: number): string | undefined {
  const stat = readProcStat(pid);
  return stat && stat.state !== 'Z' && stat.state !== 'X' ? stat.startTime : undefined;
}

/** Whether `pid` is a live (non-zombie) process. */
export function isProcessAlive(pid: number): boolean {
  const stat = readProcStat(pid);
  if (stat) return stat.state !== 'Z' && stat.state !== 'X';
  try {
    process.kill(pid, 0); // no /proc (e.g. macOS): fall back to a signal probe
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/**
 * Live direct children of `pid`. Process groups do not work here: every PostgreSQL backend calls
 * setsid() and leads its own session, so the postmaster's children are found by parent PID instead.
 */
export function liveChildrenOf(pid: number): number[] {
  return liveProcesses().filter((child) => readProcStat(child)?.ppid === pid);
}

/**
 * Live processes of the process group `pgid` that run in `cwd`: what outlives a group leader that died without
 * taking its children along. The directory tells them from another group that got a recycled pid.
 */
export function liveGroupMembersIn(pgid: number, cwd: string): number[] {
  return liveProcesses().filter((pid) => readProcStat(pid)?.pgrp === pgid && workingDirectory(pid) === cwd);
}

function liveProcesses(): number[] {
  let entries: string[];
  try {
    entries = readdirSync('/proc');
  } catch {
    return [];
  }
  return entries.filter((entry) => /^\d+$/.test(entry)).map(Number).filter((pid) => {
    const state = readProcStat(pid)?.state;
    return state !== undefined && state !== 'Z' && state !== 'X';
  });
}

function workingDirectory(pid: number): string | undefined {
  try {
    return readlinkSync(`/proc/${pid}/cwd`);
  } catch {
    return undefined;
  }
}

/** Polls until none of `pids` is alive or the timeout passes; returns the ones still alive. */
export async function waitForExit(pids: readonly number[], timeoutMs: number): Promise<number[]> {
  const deadline = Date.now() + timeoutMs;
  let alive = pids.filter(isProcessAlive);
  while (alive.length > 0 && Date.now() < deadline) {
    await new Promise((resolveWait) => setTimeout(resolveWait, 20));
    alive = alive.filter(isProcessAlive);
  }
  return alive;
}

/**
 * Deletes lock files (postmaster.pid, socket .lock) whose PID is dead. After a crash the postmaster
 * is often an unreaped zombie; PostgreSQL's own check probes the PID with kill(pid, 0), which
 * succeeds on a zombie, and would refuse to start. Zombies count as dead here.
 */
export async function removeStaleLockFiles(paths: readonly string[]): Promise<void> {
  for (const path of paths) {
    const pid = readLockFilePid(path);
    if (pid !== undefined && !isProcessAlive(pid)) await rm(path, { force: true });
  }
}

// Who holds a state lock: enough to judge whether it is stale and to release it with `pgtopo force-unlock <id>`.
import { randomUUID } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { hostname, userInfo } from 'node:os';

export interface LockInfo {
  id: string;
  holder: string;
  host: string;
  pid: number;
  /** Start time of the holder process (Linux clock ticks since boot), so a recycled pid is not mistaken for it. */
  pidStart?: string;
  created: string;
  operation: string;
  topology: string;
}

export function newLockInfo(operation: string, topology: string): LockInfo {
  return {
    id: randomUUID(),
    holder: safeUserName(),
    host: hostname(),
    pid: process.pid,
    pidStart: processStartTime(process.pid),
    created: new Date().toISOString(),
    operation,
    topology,
  };
}

export function describeLock(info: LockInfo): string {
  return `lock ${info.id} held by ${info.holder}@${info.host} (pid ${info.pid}) for "${info.operation}" since ${info.created}`;
}

/** Thrown when the state is locked by someone else; the message says who and how to release it. */
export class StateLockedError extends Error {
  readonly info: LockInfo | undefined;
  constructor(info: LockInfo | undefined, where: string) {
    super(
      info
        ? `state is locked: ${describeLock(info)}.\n` +
            `Wait for it to finish, retry with --lock-timeout 5m, or if that run is gone: pgtopo force-unlock ${info.id}`
        : `state is locked (${where}) by a holder that left no lock information`,
    );
    this.info = info;
  }
}

function safeUserName(): string {
  try {
    return userInfo().username;
  } catch {
    return process.env.USER ?? 'unknown';
  }
}

/** Field 22 of /proc/<pid>/stat; undefined where /proc is not available. */
export function processStartTime(pid: number): string | undefined {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    return stat.slice(stat.lastIndexOf(')') + 2).split(' ')[19];
  } catch {
    return undefined;
  }
}

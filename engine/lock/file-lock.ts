// A lock file created with O_EXCL naming its holder. A lock whose holder process is gone (same host, pid dead)
// is taken over with a notice, so a crashed run never leaves the state stuck.
import { closeSync, fsyncSync, linkSync, openSync, readFileSync, renameSync, unlinkSync, writeSync } from 'node:fs';
import { hostname } from 'node:os';
import { setTimeout as sleep } from 'node:timers/promises';
import { describeLock, newLockInfo, processStartTime, StateLockedError, type LockInfo } from './lock-info.ts';
import type { LockHandle, LockOptions } from '../state/state-backend.ts';

const POLL_MS = 250;

export async function acquireFileLock(path: string, topology: string, options: LockOptions): Promise<LockHandle> {
  const info = newLockInfo(options.operation, topology);
  const deadline = Date.now() + options.timeoutMs;
  let told = false;
  for (;;) {
    if (tryCreate(path, info)) return { info, release: async () => releaseFileLock(path, info.id) };
    const holder = readFileLock(path);
    if (holder && isDeadLocalHolder(holder)) {
      options.notice?.(`taking over a stale state lock: ${describeLock(holder)} — that process is no longer running`);
      removeIfStill(path, holder.id);
      continue;
    }
    if (Date.now() >= deadline) throw new StateLockedError(holder ?? undefined, path);
    if (!told && holder) options.notice?.(`waiting for the state lock: ${describeLock(holder)}`);
    told = true;
    await sleep(POLL_MS);
  }
}

export function readFileLock(path: string): LockInfo | null {
  try {
    return JSON.parse(readFileSync(path, 'utf8')) as LockInfo;
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return null;
    // A lock file being written right now can be empty for a moment; treat it as held by an unknown holder.
    return { id: 'unknown', holder: 'unknown', host: 'unknown', pid: 0, created: '', operation: 'unknown', topology: '' };
  }
}

/** Removes the lock if it is still the one with `id`; returns the removed lock's info. */
export function forceUnlockFile(path: string, id: string): LockInfo {
  const holder = readFileLock(path);
  if (!holder) throw new Error(`no lock to release at ${path}`);
  if (holder.id !== id) throw new Error(`lock id mismatch: the current lock is ${holder.id}, not ${id} (${describeLock(holder)})`);
  removeIfStill(path, id);
  return holder;
}

function releaseFileLock(path: string, id: string): void {
  removeIfStill(path, id);
}

function tryCreate(path: string, info: LockInfo): boolean {
  let fd: number;
  try {
    fd = openSync(path, 'wx', 0o600);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'EEXIST') return false;
    throw error;
  }
  try {
    writeSync(fd, `${JSON.stringify(info, null, 2)}\n`);
    fsyncSync(fd);
  } finally {
    closeSync(fd);
  }
  return true;
}

// Moving the file aside first means two processes racing to remove a stale lock cannot both succeed on the
// same file: only one rename wins, and the other re-reads whatever lock is there now.
function removeIfStill(path: string, id: string): void {
  const holder = readFileLock(path);
  if (!holder || holder.id !== id) return;
  const aside = `${path}.released-${process.pid}-${Date.now()}`;
  try {
    renameSync(path, aside);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return;
    throw error;
  }
  const moved = readFileLock(aside);
  if (moved && moved.id !== id) restoreLock(aside, path); // someone re-locked between our read and rename
  unlinkSync(aside);
}

function restoreLock(aside: string, path: string): void {
  try {
    linkSync(aside, path); // link, unlike rename, never replaces a lock created meanwhile
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
  }
}

function isDeadLocalHolder(info: LockInfo): boolean {
  if (info.host !== hostname() || !Number.isInteger(info.pid) || info.pid <= 0) return false;
  try {
    process.kill(info.pid, 0);
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'ESRCH';
  }
  // The pid is alive, but it may have been recycled by an unrelated process since the holder died.
  return info.pidStart !== undefined && processStartTime(info.pid) !== info.pidStart;
}

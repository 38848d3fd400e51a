// The cluster's promotion lock: an exclusive flock on `<scope>/primary.lock`, taken by everything that may promote a
// standby of a local cluster without being the builtin proxy: Pgpool-II's rendered failover.sh (around its check for
// a primary and its pg_promote) and pgtopo (around promoting a primary it restarted fenced). A flock dies with its
// holder, so a killed apply never leaves the cluster locked. Node cannot flock: a `flock` child holds the lock while
// `cat` waits on our end of a pipe, and our exit (or death) closes the pipe and releases it.
import { spawn } from 'node:child_process';
import { chown, open } from 'node:fs/promises';
import { join } from 'node:path';
import type { DbOsUser } from './os-user.ts';

export function primaryLockFile(scope: string): string {
  return join(scope, 'primary.lock');
}

/** Creates the lock file (0600) owned by the database user, as whom Pgpool-II's failover.sh opens it. */
export async function ensurePrimaryLockFile(scope: string, user: DbOsUser): Promise<string> {
  const path = primaryLockFile(scope);
  await (await open(path, 'a', 0o600)).close();
  if (user.isRoot) await chown(path, user.uid, user.gid);
  return path;
}

/** Runs `work` holding the cluster's promotion lock; waits while failover.sh holds it. */
export async function withPrimaryLock<T>(scope: string, user: DbOsUser, work: () => Promise<T>): Promise<T> {
  const path = await ensurePrimaryLockFile(scope, user);
  const holder = spawn('flock', ['-x', path, '-c', 'echo locked; exec cat'], { stdio: ['pipe', 'pipe', 'ignore'] });
  const exited = new Promise<void>((resolve) => holder.once('close', () => resolve()));
  await new Promise<void>((resolve, reject) => {
    holder.stdout.once('data', () => resolve());
    holder.once('error', (error) => reject(new Error(`cannot take the promotion lock ${path} with flock(1): ${error.message}`)));
    void exited.then(() => reject(new Error(`flock(1) on ${path} ended before it held the lock`)));
  });
  try {
    return await work();
  } finally {
    holder.stdin.end();
    await exited;
  }
}

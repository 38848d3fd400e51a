// Where the local provider keeps everything: `.pgtopo/<topology>/<cluster>/` beside the topology file, one
// directory per PostgreSQL instance (pg<i>/) and per proxy (proxy<i>/). A cluster directory is the batch scope
// of every local resource type: one directory scan reads all objects of a type in a cluster.
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { chmod, mkdir, rm, rmdir, stat, writeFile } from 'node:fs/promises';
import { dirname, join } from 'node:path';

export const STATE_DIR = '.pgtopo';
/** Written last by a create: a directory without it is an interrupted create, not an object. */
export const RECORD_FILE = 'pgtopo-resource.json';

export function clusterDir(topologyDir: string, topologyName: string, clusterName: string): string {
  return join(topologyDir, STATE_DIR, topologyName, clusterName);
}

export function postgresDir(scope: string, index: number): string {
  return join(scope, `pg${index}`);
}

/**
 * Beside a data dir: this instance was a primary and was started fenced in recovery (primary-fence.ts). While its
 * standby.signal is there, it is neither a primary nor a standby of anyone yet.
 */
export function fencedPrimaryMarker(instanceDir: string): string {
  return join(instanceDir, 'fenced-primary');
}

export function proxyDir(scope: string, index: number): string {
  return join(scope, `proxy${index}`);
}

export function usersDir(scope: string): string {
  return join(scope, 'users');
}

/** The generated superuser password of a cluster (0600): replication, pg_rewind and pgtopo's own admin work use it. */
export function superuserPasswordFile(scope: string): string {
  return join(scope, 'superuser.password');
}

/**
 * Lets the database user traverse `.pgtopo/<topology>/<cluster>`. The engine keeps its state in `.pgtopo/` with
 * mode 0700; adding only the search bit keeps the directory unlistable and state.json (0600) unreadable.
 */
export async function makeScopeTraversable(scope: string): Promise<void> {
  for (let dir = scope; ; dir = dirname(dir)) {
    const { mode } = await stat(dir);
    if ((mode & 0o011) !== 0o011) await chmod(dir, (mode & 0o7777) | 0o011);
    if (dir.endsWith(`/${STATE_DIR}`) || dir === dirname(dir)) return;
  }
}

/** Indexes of the `<prefix><i>` directories in a scope, ascending. */
export function indexedDirs(scope: string, prefix: string): number[] {
  let entries: string[];
  try {
    entries = readdirSync(scope);
  } catch {
    return [];
  }
  const pattern = new RegExp(`^${prefix}(\\d+)$`);
  return entries.flatMap((entry) => {
    const match = pattern.exec(entry);
    return match ? [Number(match[1])] : [];
  }).sort((a, b) => a - b);
}

/** The record a create wrote: what was asked for, so a read can report it. Undefined for interrupted creates. */
export function readRecord<T>(dir: string): T | undefined {
  try {
    return JSON.parse(readFileSync(join(dir, RECORD_FILE), 'utf8')) as T;
  } catch {
    return undefined;
  }
}

export async function writeRecord(dir: string, record: object): Promise<void> {
  await mkdir(dir, { recursive: true });
  await writeFile(join(dir, RECORD_FILE), `${JSON.stringify(record, null, 2)}\n`, { mode: 0o644 });
}

/**
 * Removes the cluster directory once no instance or proxy is left in it, then `.pgtopo/<topology>` and `.pgtopo`
 * when they became empty, so destroy leaves nothing behind.
 */
export async function removeScopeIfEmpty(scope: string): Promise<void> {
  if (!existsSync(scope) || indexedDirs(scope, 'pg').length > 0 || indexedDirs(scope, 'proxy').length > 0) return;
  await rm(scope, { recursive: true, force: true });
  for (const dir of [dirname(scope), dirname(dirname(scope))]) {
    try {
      await rmdir(dir);
    } catch {
      return; // not empty (another cluster or topology lives there): keep it
    }
  }
}

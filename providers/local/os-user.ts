// The OS user database processes run as. PostgreSQL refuses to run as root, so when we are root the
// server runs as `postgres` (or `nobody` when that user does not exist); otherwise as ourselves.
import { chown, chmod, mkdir, readdir, stat } from 'node:fs/promises';
import { readFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { userInfo } from 'node:os';

export interface DbOsUser {
  uid: number;
  gid: number;
  name: string;
  /** True when this process is root and database processes therefore switch to `uid`/`gid`. */
  isRoot: boolean;
}

export interface DbSpawnIdentity {
  uid?: number;
  gid?: number;
}

export class OsUserError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'OsUserError';
  }
}

interface PasswdEntry {
  name: string;
  uid: number;
  gid: number;
}

function readPasswd(path: string): PasswdEntry[] {
  return readFileSync(path, 'utf8')
    .split('\n')
    .filter((line) => line && !line.startsWith('#'))
    .map((line) => line.split(':'))
    .filter((fields) => fields.length >= 4)
    .map(([name, , uid, gid]) => ({ name, uid: Number(uid), gid: Number(gid) }));
}

/** Resolves the database OS user. `passwdPath` exists so tests can feed a fake /etc/passwd. */
export function resolveDbOsUser(passwdPath = '/etc/passwd'): DbOsUser {
  if (process.getuid?.() !== 0) {
    const me = userInfo();
    return { uid: me.uid, gid: me.gid, name: me.username, isRoot: false };
  }
  const entries = readPasswd(passwdPath);
  const chosen = entries.find((entry) => entry.name === 'postgres') ?? entries.find((entry) => entry.name === 'nobody');
  if (!chosen) {
    throw new OsUserError(
      'Running as root, but neither a `postgres` nor a `nobody` user exists; PostgreSQL cannot run as root. ' +
        'Create one (e.g. `useradd --system postgres`) or run pgtopo as an unprivileged user.',
    );
  }
  return { ...chosen, isRoot: true };
}

/** The OS user `name`, as a process run by this one as that user would be (`isRoot` when this one is root). */
export function osUserNamed(name: string, passwdPath = '/etc/passwd'): DbOsUser {
  const entry = readPasswd(passwdPath).find((candidate) => candidate.name === name);
  if (!entry) throw new OsUserError(`there is no OS user ${name} (${passwdPath})`);
  return { ...entry, isRoot: process.getuid?.() === 0 };
}

/** Options for child_process.spawn/execFile so the child runs as the database user. */
export function dbSpawnIdentity(user: DbOsUser): DbSpawnIdentity {
  return user.isRoot ? { uid: user.uid, gid: user.gid } : {};
}

async function chownTree(path: string, user: DbOsUser): Promise<void> {
  await chown(path, user.uid, user.gid);
  const info = await stat(path);
  if (!info.isDirectory()) return;
  for (const entry of await readdir(path)) await chownTree(join(path, entry), user);
}

/**
 * Creates `path` (and missing parents) and makes it belong to the database user. Parents we create
 * get 0755 so the database user can traverse them; `path` itself gets `mode` (default 0700).
 */
export async function makeDbOwnedDir(path: string, user: DbOsUser, mode = 0o700): Promise<void> {
  const absolute = resolve(path);
  const firstCreated = await mkdir(absolute, { recursive: true });
  if (firstCreated) {
    for (let dir = dirname(absolute); dir.length >= firstCreated.length; dir = dirname(dir)) await chmod(dir, 0o755);
  }
  await chmod(absolute, mode);
  if (user.isRoot) await chownTree(absolute, user);
}

/** Makes a directory we created (e.g. by mkdtemp, which uses 0700) traversable by the database user. */
export async function makeTraversable(path: string): Promise<void> {
  await chmod(path, 0o755);
}

function grants(info: { uid: number; gid: number; mode: number }, user: DbOsUser, ownerBit: number): boolean {
  return (info.uid === user.uid && (info.mode & ownerBit) !== 0)
    || (info.gid === user.gid && (info.mode & (ownerBit >> 3)) !== 0)
    || (info.mode & (ownerBit >> 6)) !== 0;
}

/** Throws a clear error when the database user (a proxy run as it) cannot read the file `path`. */
export async function assertReadableBy(path: string, user: DbOsUser): Promise<void> {
  const info = user.isRoot ? await stat(path).catch(() => undefined) : undefined;
  if (!info) return; // a missing file is the proxy's own, clearer error
  await assertParentsTraversable(path, user);
  if (!grants(info, user, 0o400)) {
    throw new OsUserError(
      `${path} is not readable by the OS user ${user.name}, which the proxy runs as (mode ${(info.mode & 0o777).toString(8)}). ` +
        `Run \`chown ${user.name} ${path}\` (keep it 0600) or take the password from an environment variable.`,
    );
  }
}

/**
 * Throws a clear error when some parent of `path` is not searchable by the database user — PostgreSQL
 * would otherwise fail later with a bare "Permission denied".
 */
export async function assertParentsTraversable(path: string, user: DbOsUser): Promise<void> {
  if (!user.isRoot) return;
  for (let dir = dirname(resolve(path)); ; dir = dirname(dir)) {
    const info = await stat(dir);
    if (!grants(info, user, 0o100)) {
      throw new OsUserError(
        `Directory ${dir} is not traversable by the database user ${user.name} (mode ${(info.mode & 0o777).toString(8)}). ` +
          `Run \`chmod o+x ${dir}\` or choose a data directory elsewhere.`,
      );
    }
    if (dir === dirname(dir)) return;
  }
}

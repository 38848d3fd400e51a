// Ports handed out by any pgtopo process on this machine within the last minute, as files in one shared directory.
// A drawn port is free when checked but bound only once its process starts (after initdb or pg_basebackup, seconds
// later), and two processes drawing at random (two applies, a test run's CLI processes) could meanwhile hand out
// the same one: one of the two then fails to start. A reservation is a file created with O_EXCL, so of two
// processes one wins. One older than a minute is stale (its process bound the port by then, or never will) and is
// taken over. Where the directory cannot be used, reservations hold within this process only.
import { closeSync, mkdirSync, openSync, statSync, unlinkSync, chmodSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const RESERVATION_MS = 60_000;
const reservedHere = new Map<number, number>();
let directory: string | null | undefined;

/** Reserves `port` for this process; false when a pgtopo process reserved it within the last minute. */
export function reservePort(port: number): boolean {
  const here = reservedHere.get(port);
  if (here !== undefined && Date.now() - here < RESERVATION_MS) return false;
  const dir = reservationDir();
  if (dir !== null && !reserveFile(join(dir, String(port)))) return false;
  reservedHere.set(port, Date.now());
  return true;
}

function reserveFile(path: string): boolean {
  try {
    closeSync(openSync(path, 'wx', 0o644));
    return true;
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'EEXIST') return true;
  }
  if (!isStale(path)) return false;
  try {
    unlinkSync(path);
    closeSync(openSync(path, 'wx', 0o644));
    return true;
  } catch {
    return false; // another process took it over first
  }
}

function isStale(path: string): boolean {
  try {
    return Date.now() - statSync(path).mtimeMs >= RESERVATION_MS;
  } catch {
    return true;
  }
}

/** Shared by every user who runs pgtopo here, like /tmp itself (sticky: nobody removes another's file). */
function reservationDir(): string | null {
  if (directory !== undefined) return directory;
  const dir = join(tmpdir(), 'pgtopo-port-reservations');
  try {
    mkdirSync(dir, { recursive: true, mode: 0o1777 });
    if ((statSync(dir).mode & 0o1777) !== 0o1777) chmodSync(dir, 0o1777);
    directory = dir;
  } catch {
    directory = null;
  }
  return directory;
}

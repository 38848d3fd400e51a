// Files pgtopo writes for a local PostgreSQL instance: postgresql.conf include files, pg_hba.conf,
// libpq password files. Settings are split in two include files because pg_basebackup copies the
// data directory: the replication file is meant to travel to standbys, the instance file (port,
// socket dir, name) is rewritten for each instance after cloning.
import { appendFile, chown, readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { DbOsUser } from './os-user.ts';
import { renderConninfo } from '../../proxy/failover/conninfo.ts';

export type PgSettingValue = string | number | boolean;
export type PgSettings = Record<string, PgSettingValue>;

export const REPLICATION_CONF = 'pgtopo-replication.conf';
export const INSTANCE_CONF = 'pgtopo-instance.conf';

/** Streaming replication + pg_rewind prerequisites shared by every member of a cluster. */
export const REPLICATION_SETTINGS: PgSettings = {
  wal_level: 'replica',
  hot_standby: true,
  max_wal_senders: 10,
  max_replication_slots: 10,
  wal_keep_size: '128MB',
  wal_log_hints: true, // pg_rewind needs hint-bit changes WAL-logged (no data checksums by default)
  hot_standby_feedback: true,
};

/**
 * Synchronous replication: a commit returns once `syncStandbys` standbys flushed it (synchronous_commit = on, not
 * remote_apply: with ANY n of several standbys, waiting for replay on n of them would still not make a read on
 * any standby see the write, and replay can stall behind a query conflict). Every instance gets the same list with
 * its own name in it: a standby ignores the setting, a primary's own name never matches one of its standbys, so a
 * promoted standby already has the setting and no failover needs to write it. Names are the instances'
 * cluster_name, which a walreceiver reports as its application_name. After a failover writes wait until a standby
 * streams from the new primary; one that lost the old primary retries only every wal_retrieve_retry_interval
 * (5 s by default: 2 of 10 failovers of the battery waited that long), so it is shorter here.
 */
export function synchronousReplicationSettings(instanceNames: readonly string[], syncStandbys: number): PgSettings {
  const names = instanceNames.map((name) => `"${name}"`).join(', ');
  return { synchronous_standby_names: `ANY ${syncStandbys} (${names})`, synchronous_commit: 'on', wal_retrieve_retry_interval: '500ms' };
}

/**
 * Throw-away test clusters only: skipping fsync makes checkpoints fast but a host crash corrupts
 * the data. A killed postmaster still loses nothing (the OS keeps the writes), so crash tests stay
 * honest — which is also why synchronous_commit stays on. full_page_writes stays on for pg_rewind.
 */
export const UNSAFE_FAST_SETTINGS: PgSettings = {
  fsync: false,
  shared_buffers: '16MB',
  max_connections: 50,
};

/** A PostgreSQL setting name as postgresql.conf's parser reads one: an identifier, optionally qualified once. */
export const SETTING_NAME = /^[A-Za-z_][A-Za-z0-9_]*(\.[A-Za-z_][A-Za-z0-9_]*)?$/;

/**
 * One `name = value` line. Validation refuses bad names and values first; this refuses them again because a name
 * is written unquoted (a line break in it would add a setting) and the parser reads no line break inside a quote.
 */
function settingLine(name: string, value: PgSettingValue): string {
  if (!SETTING_NAME.test(name)) throw new Error(`PostgreSQL setting name ${JSON.stringify(name)} is not a setting name (letters, digits, _; one . for a custom setting)`);
  return `${name} = ${renderValue(name, value)}`;
}

function renderValue(name: string, value: PgSettingValue): string {
  if (typeof value === 'boolean') return value ? 'on' : 'off';
  if (typeof value === 'number') {
    if (!Number.isFinite(value)) throw new Error(`PostgreSQL setting ${name}: ${value} is not a number postgresql.conf can hold`);
    return String(value);
  }
  if (/[\n\r\0]/.test(value)) throw new Error(`PostgreSQL setting ${name}: a value cannot hold a line break or NUL`);
  // Inside quotes the parser reads '' as a quote and a backslash as an escape, so both are doubled.
  return `'${value.replaceAll('\\', '\\\\').replaceAll("'", "''")}'`;
}

export function renderSettings(settings: PgSettings): string {
  const lines = Object.entries(settings).map(([name, value]) => settingLine(name, value));
  return `# Written by pgtopo; changes are overwritten.\n${lines.join('\n')}\n`;
}

/** Writes a file into a database-owned directory so the database user can read it (and nobody else). */
export async function writeDbFile(path: string, content: string, user: DbOsUser, mode = 0o600): Promise<void> {
  await writeFile(path, content, { mode });
  if (user.isRoot) await chown(path, user.uid, user.gid);
}

/** Adds the include directives to postgresql.conf once; later lines override initdb's defaults. */
export async function includePgtopoConf(dataDir: string): Promise<void> {
  const confPath = join(dataDir, 'postgresql.conf');
  const current = await readFile(confPath, 'utf8');
  if (current.includes(`include = '${REPLICATION_CONF}'`)) return;
  await appendFile(confPath, `\n# pgtopo\ninclude = '${REPLICATION_CONF}'\ninclude = '${INSTANCE_CONF}'\n`);
}

/** Local socket connections are trusted (the socket dir is private to the database user); TCP needs SCRAM. */
export function renderHba(): string {
  return [
    '# Written by pgtopo; changes are overwritten.',
    '# TYPE  DATABASE     USER  ADDRESS       METHOD',
    'local   all          all                 trust',
    'local   replication  all                 trust',
    'host    all          all   127.0.0.1/32  scram-sha-256',
    'host    replication  all   127.0.0.1/32  scram-sha-256',
    '',
  ].join('\n');
}

/** primary_conninfo for a standby: the password stays in `passfile`, never in the configuration. */
export function renderPrimaryConninfo(host: string, port: number, user: string, passfile: string): string {
  return renderConninfo(new Map([['host', host], ['port', String(port)], ['user', user], ['passfile', passfile]]));
}

/**
 * Sets one setting in postgresql.auto.conf, replacing earlier lines for it. That file is read last,
 * so this overrides whatever pg_basebackup or pg_rewind wrote there.
 */
export async function setAutoConfSetting(dataDir: string, name: string, value: PgSettingValue, user: DbOsUser): Promise<void> {
  const path = join(dataDir, 'postgresql.auto.conf');
  const current = await readFile(path, 'utf8').catch(() => '');
  const kept = current.split('\n').filter((line) => line !== '' && !new RegExp(`^\\s*${name}\\s*=`).test(line));
  await writeDbFile(path, `${[...kept, settingLine(name, value)].join('\n')}\n`, user);
}

// The SQL steps of a failover, each over a node's monitoring connection: read the candidates' WAL positions,
// promote one (pg_promote), re-point a standby at the new primary (ALTER SYSTEM primary_conninfo + reload,
// PostgreSQL 13+), fence a live old primary for a switchover and see where a standby streams from.
import type { NodeWatch } from '../health/node-watch.ts';
import { repointConninfo } from './conninfo.ts';
import type { PromotionCandidate } from './standby-selection.ts';

const STEP_TIMEOUT_MS = 5_000;

// A monitor role that is not a superuser (pg_signal_backend) may not end superusers' sessions: those are left
// alone rather than failing the switchover; they are read-only by default from now on.
const TERMINATE_CLIENTS = `SELECT pg_terminate_backend(a.pid) FROM pg_stat_activity a
  WHERE a.backend_type = 'client backend' AND a.pid <> pg_backend_pid()
    AND (NOT EXISTS (SELECT 1 FROM pg_roles r WHERE r.oid = a.usesysid AND r.rolsuper)
      OR EXISTS (SELECT 1 FROM pg_roles r WHERE r.rolname = current_user AND r.rolsuper))`;

function literal(text: string): string {
  return `'${text.replaceAll("'", "''")}'`;
}

/** The node has left recovery: it is a primary already (promoted by someone else, or a returned old primary). */
export async function leftRecovery(watch: NodeWatch): Promise<boolean> {
  const [row] = await watch.connection.query<{ in_recovery: boolean }>('SELECT pg_is_in_recovery() AS in_recovery', STEP_TIMEOUT_MS);
  return row !== undefined && !row.in_recovery;
}

/** The candidate's replay/receive positions, or undefined when it is not a standby that has replayed anything. */
export async function readCandidate(watch: NodeWatch): Promise<PromotionCandidate | undefined> {
  const [row] = await watch.connection.query<{ in_recovery: boolean; replay: string | null; receive: string | null }>(
    'SELECT pg_is_in_recovery() AS in_recovery, pg_last_wal_replay_lsn()::text AS replay, pg_last_wal_receive_lsn()::text AS receive',
    STEP_TIMEOUT_MS,
  );
  if (!row.in_recovery || row.replay === null) return undefined;
  return { id: watch.id, name: watch.config.name, replayLsn: row.replay, receiveLsn: row.receive };
}

export async function promote(watch: NodeWatch, timeoutMs: number): Promise<void> {
  const seconds = Math.ceil(timeoutMs / 1000);
  const [row] = await watch.connection.query<{ promoted: boolean }>(`SELECT pg_promote(true, ${seconds}) AS promoted`, timeoutMs + STEP_TIMEOUT_MS);
  if (!row.promoted) throw new Error(`${watch.config.name} did not leave recovery within ${seconds} s`);
}

/** Keeps the standby's own connection settings (user, passfile, TLS …) and changes only host and port. */
export async function repointStandby(standby: NodeWatch, primary: { host: string; port: number }): Promise<void> {
  const [row] = await standby.connection.query<{ primary_conninfo: string }>('SHOW primary_conninfo', STEP_TIMEOUT_MS);
  const conninfo = repointConninfo(row.primary_conninfo, primary.host, primary.port);
  await standby.connection.query(`ALTER SYSTEM SET primary_conninfo = ${literal(conninfo)}`, STEP_TIMEOUT_MS);
  await standby.connection.query('SELECT pg_reload_conf()', STEP_TIMEOUT_MS);
}

/** Where the standby's WAL receiver streams from (null: none runs); host and port are null to a role without pg_read_all_stats. */
export async function walReceiverUpstream(standby: NodeWatch): Promise<{ host: string | null; port: number | null } | null> {
  const [row] = await standby.connection.query<{ host: string | null; port: number | null }>(
    'SELECT sender_host AS host, sender_port AS port FROM pg_stat_wal_receiver', STEP_TIMEOUT_MS);
  return row ?? null;
}

/** The last WAL position the standby received and flushed (or replayed, when it received nothing by streaming). */
export async function receivedLsn(standby: NodeWatch): Promise<string> {
  const [row] = await standby.connection.query<{ lsn: string }>(
    'SELECT greatest(pg_last_wal_receive_lsn(), pg_last_wal_replay_lsn())::text AS lsn', STEP_TIMEOUT_MS);
  return row!.lsn;
}

/**
 * Switchover: stop a live primary taking writes (new transactions default to read-only, open sessions are ended)
 * and return its final WAL position, which the new primary must have replayed before it is promoted.
 */
export async function fenceOldPrimary(watch: NodeWatch): Promise<string> {
  await watch.connection.query('ALTER SYSTEM SET default_transaction_read_only = on', STEP_TIMEOUT_MS);
  await watch.connection.query('SELECT pg_reload_conf()', STEP_TIMEOUT_MS);
  await watch.connection.query(TERMINATE_CLIENTS, STEP_TIMEOUT_MS);
  const [row] = await watch.connection.query<{ lsn: string }>('SELECT pg_current_wal_lsn()::text AS lsn', STEP_TIMEOUT_MS);
  return row.lsn;
}

/** Undoes fenceOldPrimary when the switchover stopped before promoting anyone: the old primary takes writes again. */
export async function unfenceOldPrimary(watch: NodeWatch): Promise<void> {
  await watch.connection.query('ALTER SYSTEM RESET default_transaction_read_only', STEP_TIMEOUT_MS);
  await watch.connection.query('SELECT pg_reload_conf()', STEP_TIMEOUT_MS);
}

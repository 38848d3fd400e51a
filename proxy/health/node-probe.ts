// The health check's one statement per node: is it alive, is it in recovery, where is its WAL, which timeline.
// The timeline (from the current WAL file name) is what tells a promoted standby from a returned old primary:
// promotion starts a new timeline at once, while pg_control's copy is only updated by the next checkpoint.

export interface ProbeResult {
  inRecovery: boolean;
  /** Primary: pg_current_wal_lsn(); standby: pg_last_wal_replay_lsn(). Null when not measured. */
  lsn: string | null;
  /** Standby: pg_last_wal_receive_lsn(). */
  receiveLsn: string | null;
  /** Primary only. */
  timeline: number | null;
  /** What a standby reports as application_name in the primary's pg_stat_replication (by default). */
  clusterName: string;
  /**
   * Standby: a WAL receiver runs (it streams, or tries to, from an upstream). A node in recovery without one is not
   * a rebuilt standby: a former primary restarted fenced, with no upstream, holding its old timeline.
   */
  hasWalReceiver: boolean | null;
}

interface ProbeRow {
  in_recovery: boolean;
  lsn: string | null;
  receive_lsn: string | null;
  timeline: number | null;
  cluster_name: string;
  has_wal_receiver: boolean | null;
}

const TIMELINE = "('x' || substr(pg_walfile_name(pg_current_wal_lsn()), 1, 8))::bit(32)::int";
const CLUSTER_NAME = "current_setting('cluster_name')";
// The view shows the receiver's pid to every role (its details only to pg_read_all_stats): a row is a receiver.
const WAL_RECEIVER = 'CASE WHEN pg_is_in_recovery() THEN EXISTS (SELECT 1 FROM pg_stat_wal_receiver WHERE pid IS NOT NULL) END';

/** The probe statement; always-primary nodes are not asked whether they are in recovery (rule 21). */
export function probeSql(alwaysPrimary: boolean, measureLag: boolean): string {
  if (alwaysPrimary) {
    const lsn = measureLag ? 'pg_current_wal_lsn()::text' : 'NULL::text';
    return `SELECT false AS in_recovery, ${lsn} AS lsn, NULL::text AS receive_lsn, NULL::int AS timeline, ${CLUSTER_NAME} AS cluster_name, NULL::boolean AS has_wal_receiver`;
  }
  const lsn = measureLag
    ? 'CASE WHEN pg_is_in_recovery() THEN pg_last_wal_replay_lsn() ELSE pg_current_wal_lsn() END::text'
    : 'NULL::text';
  const receive = measureLag ? 'CASE WHEN pg_is_in_recovery() THEN pg_last_wal_receive_lsn()::text END' : 'NULL::text';
  return `SELECT pg_is_in_recovery() AS in_recovery, ${lsn} AS lsn, ${receive} AS receive_lsn, ` +
    `CASE WHEN pg_is_in_recovery() THEN NULL ELSE ${TIMELINE} END AS timeline, ${CLUSTER_NAME} AS cluster_name, ` +
    `${WAL_RECEIVER} AS has_wal_receiver`;
}

export function probeResult(row: ProbeRow): ProbeResult {
  return {
    inRecovery: row.in_recovery,
    lsn: row.lsn,
    receiveLsn: row.receive_lsn,
    timeline: row.timeline,
    clusterName: row.cluster_name,
    hasWalReceiver: row.has_wal_receiver,
  };
}

export type { ProbeRow };

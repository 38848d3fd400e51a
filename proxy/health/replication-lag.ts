// Replication lag per standby, measured on the primary: bytes from the primary's current WAL position minus the
// standby's replay position (both read by the health probes), time from pg_stat_replication.replay_lag. A standby
// is matched to its pg_stat_replication row by application_name, which a walreceiver sets to the standby's
// cluster_name unless its primary_conninfo names another (then name the backend after it: the backend name is
// tried second). Client address/port are not used: a standby cannot see its own walreceiver's source port.

export interface ReplicationRow {
  application_name: string;
  replay_lag_ms: number | null;
}

export const REPLICATION_SQL =
  'SELECT application_name, (EXTRACT(epoch FROM replay_lag) * 1000)::float8 AS replay_lag_ms FROM pg_stat_replication';

/**
 * A standby's replay lag in ms: undefined when it does not stream from this primary; 0 when PostgreSQL reports
 * NULL, which it does once an idle standby has replayed everything.
 */
export function replayLagMs(rows: readonly ReplicationRow[], clusterName: string, backendName: string): number | undefined {
  const row = rows.find((r) => r.application_name === clusterName) ?? rows.find((r) => r.application_name === backendName);
  if (!row) return undefined;
  return row.replay_lag_ms === null ? 0 : Math.round(row.replay_lag_ms);
}

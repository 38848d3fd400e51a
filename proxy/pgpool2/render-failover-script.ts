// A failover_command script for Pgpool-II when pgtopo knows where every node's unix socket is (the local provider,
// the failover benchmark): when the failed node is the primary, promote the standby that has replayed the most
// WAL (the same choice the builtin proxy makes), over the standbys' private sockets where local users are trusted.
// A node already out of recovery means someone else promoted: promoting a second one would make two primaries.
// With a lock file, the check and the promotion hold an exclusive flock on it, which whoever else may promote in
// this cluster (the local provider, for a primary it restarted fenced) takes as well.

export interface FailoverScriptNode {
  id: number;
  socketDir: string;
  port: number;
}

export interface FailoverScriptInput {
  psql: string;
  superuser: string;
  nodes: FailoverScriptNode[];
  /** Held (flock) from the check for a primary to the end of the promotion; none: no lock. */
  lockFile?: string;
}

function shellQuote(value: string): string {
  return `'${value.replaceAll("'", "'\\''")}'`;
}

/** Pgpool-II calls it as `<script> %d %P` (failed node id, old primary node id). */
export function renderPgpoolFailoverScript(input: FailoverScriptInput): string {
  const nodes = input.nodes.map((node) => `  "${node.id}|${node.socketDir}|${node.port}"`).join('\n');
  return `#!/bin/bash
# Rendered by pgtopo as Pgpool-II's failover_command; changes are overwritten.
failed="$1"; old_primary="$2"
[ "$failed" = "$old_primary" ] || exit 0   # a standby failed: nothing to promote
psql=${shellQuote(input.psql)}
superuser=${shellQuote(input.superuser)}
nodes=(
${nodes}
)
${input.lockFile ? `exec 9>>${shellQuote(input.lockFile)}; flock -x 9   # held until pg_promote has returned
` : ''}for entry in "\${nodes[@]}"; do
  IFS='|' read -r id dir port <<< "$entry"
  recovering=$("$psql" -X -At -h "$dir" -p "$port" -U "$superuser" -d postgres -c "SELECT pg_is_in_recovery()" 2>/dev/null) || continue
  [ "$recovering" = "f" ] && { echo "failover: node $id is out of recovery already; not promoting another" >&2; exit 0; }
done
best=""; best_lsn=-1
for entry in "\${nodes[@]}"; do
  IFS='|' read -r id dir port <<< "$entry"
  [ "$id" = "$failed" ] && continue
  lsn=$("$psql" -X -At -h "$dir" -p "$port" -U "$superuser" -d postgres \\
    -c "SELECT pg_wal_lsn_diff(pg_last_wal_replay_lsn(), '0/0')::bigint" 2>/dev/null) || continue
  [ -n "$lsn" ] || continue
  if [ "$lsn" -gt "$best_lsn" ]; then best_lsn="$lsn"; best="$dir|$port"; fi
done
[ -n "$best" ] || { echo "failover: no standby reachable" >&2; exit 1; }
IFS='|' read -r dir port <<< "$best"
echo "failover: promoting the standby on port $port (replayed $best_lsn bytes)" >&2
exec "$psql" -X -At -h "$dir" -p "$port" -U "$superuser" -d postgres -c "SELECT pg_promote(true, 60)"
`;
}

// A follow_primary_command script for Pgpool-II when pgtopo knows every node's address (the local provider over the
// private sockets, a proxy instance on EC2 over TCP as the monitor user): after a failover, points each remaining
// standby at the new primary. Without one, a standby kept
// streaming from the dead primary and served ever staler reads (below delay_threshold, for as long as the new
// primary wrote little) until the next apply re-pointed it; a synchronous commit waited as long.
// Pgpool-II detaches every node but the new primary before it runs the command for each of them
// (src/main/pgpool_main.c, exec_follow_primary_command). The script leaves them detached: with auto_failback on,
// Pgpool-II attaches a node again once the new primary's pg_stat_replication shows it streaming, so a standby that
// cannot follow (one that received WAL past the fork point) never serves reads; the next apply rebuilds it.
import { psqlSettings, type FailoverScriptInput, type FailoverScriptNode } from './render-failover-script.ts';

export interface FollowPrimaryScriptInput extends Pick<FailoverScriptInput, 'psql' | 'user' | 'passFile'> {
  nodes: Pick<FailoverScriptNode, 'id' | 'host' | 'port'>[];
}

/** Pgpool-II calls it as `<script> %d %H %r %P`: the node, the new primary's host and port, the old primary's id. */
export function renderPgpoolFollowPrimaryScript(input: FollowPrimaryScriptInput): string {
  const nodes = input.nodes.map((node) => `  "${node.id}|${node.host}|${node.port}"`).join('\n');
  return `#!/bin/bash
# Rendered by pgtopo as Pgpool-II's follow_primary_command; changes are overwritten.
node="$1"; primary_host="$2"; primary_port="$3"; old_primary="$4"
[ "$node" = "$old_primary" ] && exit 0   # the lost primary: apply rewinds it onto the new one
${psqlSettings(input)}
nodes=(
${nodes}
)
host=""; port=""
for entry in "\${nodes[@]}"; do
  IFS='|' read -r id node_host node_port <<< "$entry"
  [ "$id" = "$node" ] && { host="$node_host"; port="$node_port"; }
done
[ -n "$host" ] || { echo "follow: node $node is not in this cluster" >&2; exit 1; }
sql() { "$psql" -X -At -h "$host" -p "$port" -U "$user" -d postgres "$@"; }
recovering=$(sql -c "SELECT pg_is_in_recovery()" 2>/dev/null) || { echo "follow: node $node does not answer; apply repairs it" >&2; exit 0; }
[ "$recovering" = "t" ] || { echo "follow: node $node is out of recovery; apply rebuilds it" >&2; exit 0; }
conninfo=$(sql -c "SHOW primary_conninfo") || exit 1
# Drop host, hostaddr and port (a value may be quoted: passfile='…'); keep user, passfile, application_name and the
# rest. The new host and port go first and bare where they can: Pgpool-II's own check of which primary a standby
# streams from takes the first host= and port= of its conninfo up to a space, quotes included.
rest=$(printf '%s' "$conninfo" | sed -E "s/(^|[[:space:]])(host|hostaddr|port)=('[^']*'|[^[:space:]]*)//g")
bare() { if [[ $1 =~ ^[A-Za-z0-9_.,/:@+-]+$ ]]; then printf '%s' "$1"; else printf "'%s'" "$1"; fi; }
rest="\${rest# }"
conninfo="host=$(bare "$primary_host") port=$(bare "$primary_port")\${rest:+ $rest}"
literal=$(printf '%s' "$conninfo" | sed "s/'/''/g")
sql -c "ALTER SYSTEM SET primary_conninfo = '$literal'" -c "SELECT pg_reload_conf()" > /dev/null || exit 1
echo "follow: node $node re-pointed at $primary_host:$primary_port; Pgpool-II attaches it once it streams" >&2
`;
}

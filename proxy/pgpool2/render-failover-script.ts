// A failover_command script for Pgpool-II when pgtopo knows every node's address: when the failed node is the
// primary, promote the standby that has replayed the most WAL, then the highest priority, then the lowest id (the
// same choice the builtin proxy makes). The local provider and the failover benchmark reach the nodes over their
// private sockets, where local users are trusted; a proxy instance on EC2 over TCP as the monitor user, with the
// password in a passfile beside the script.
// With synchronous replication it follows the builtin proxy's sync rule (proxy/failover/standby-selection.ts): only
// sync candidates, all but n - 1 of them must answer, the one that flushed the most wins, else nothing is promoted.
// A node already out of recovery means someone else promoted: promoting a second one would make two primaries.
// With a lock file, the check and the promotion hold an exclusive flock on it, which whoever else may promote in
// this cluster (the local provider, for a primary it restarted fenced) takes as well.
import type { ProxyBackendDocument, ProxyTierConfig } from '../config/proxy-tier-settings.ts';
import { shellQuote } from './shell-quote.ts';

export interface FailoverScriptNode {
  id: number;
  /** A unix socket directory, or a host name or address. */
  host: string;
  port: number;
  /** `failover.priority`: breaks a tie in WAL position, higher first, as the builtin proxy does (default 0). */
  priority?: number;
}

export interface FailoverScriptInput {
  psql: string;
  /** The role that checks and promotes: the local superuser, or the monitor user (EXECUTE on pg_promote). */
  user: string;
  /** A libpq password file for that user; none: the nodes trust it. */
  passFile?: string;
  nodes: FailoverScriptNode[];
  /** Synchronous replication: ANY `syncStandbys` of the nodes with these ids. */
  sync?: { syncStandbys: number; candidateIds: number[] };
  /** Held (flock) from the check for a primary to the end of the promotion; none: no lock. */
  lockFile?: string;
}

/** The tier's backends as the script's nodes, each reached at `hostOf(backend)`, with the tier's priorities. */
export function failoverScriptNodes(tier: ProxyTierConfig, hostOf: (backend: ProxyBackendDocument) => string): FailoverScriptNode[] {
  return tier.config.backends.map((backend) => ({
    id: backend.id, host: hostOf(backend), port: backend.port, priority: tier.failover.priority[backend.name] ?? 0,
  }));
}

/** The tier's synchronous replication rule in the script's terms; undefined for asynchronous replication. */
export function failoverScriptSync(tier: ProxyTierConfig): FailoverScriptInput['sync'] {
  const { replication } = tier;
  if (replication.mode !== 'sync') return undefined;
  const candidateIds = tier.config.backends.filter((backend) => replication.syncCandidates.includes(backend.name)).map((backend) => backend.id);
  return { syncStandbys: replication.syncStandbys, candidateIds };
}

function selection(input: FailoverScriptInput): { position: string; candidates: string; quorum: string } {
  if (!input.sync) return { position: 'pg_last_wal_replay_lsn()', candidates: '', quorum: '' };
  const ids = input.sync.candidateIds.map(String).join(' ');
  return {
    position: 'greatest(pg_last_wal_receive_lsn(), pg_last_wal_replay_lsn())',
    candidates: `  [[ " ${ids} " == *" $id "* ]] || continue   # sync replication: only a sync standby may be promoted
`,
    quorum: `standbys=0; for id in ${ids}; do [ "$id" = "$failed" ] || standbys=$((standbys + 1)); done
needed=$((standbys - ${input.sync.syncStandbys} + 1))
if [ "$answered" -lt "$needed" ]; then
  echo "failover: not promoting: $answered of $standbys sync standbys answered, $needed must (an acknowledged commit may be on the others)" >&2
  exit 1
fi
`,
  };
}

/** Pgpool-II calls it as `<script> %d %P` (failed node id, old primary node id). */
export function renderPgpoolFailoverScript(input: FailoverScriptInput): string {
  const nodes = input.nodes.map((node) => `  "${node.id}|${node.host}|${node.port}|${node.priority ?? 0}"`).join('\n');
  const { position, candidates, quorum } = selection(input);
  return `#!/bin/bash
# Rendered by pgtopo as Pgpool-II's failover_command; changes are overwritten.
failed="$1"; old_primary="$2"
[ "$failed" = "$old_primary" ] || exit 0   # a standby failed: nothing to promote
${psqlSettings(input)}
nodes=(
${nodes}
)
${input.lockFile ? `exec 9>>${shellQuote(input.lockFile)}; flock -x 9   # held until pg_promote has returned
` : ''}for entry in "\${nodes[@]}"; do
  IFS='|' read -r id host port priority <<< "$entry"
  recovering=$("$psql" -X -At -h "$host" -p "$port" -U "$user" -d postgres -c "SELECT pg_is_in_recovery()" 2>/dev/null) || continue
  [ "$recovering" = "f" ] && { echo "failover: node $id is out of recovery already; not promoting another" >&2; exit 0; }
done
best=""; best_lsn=-1; best_priority=0; answered=0
for entry in "\${nodes[@]}"; do
  IFS='|' read -r id host port priority <<< "$entry"
  [ "$id" = "$failed" ] && continue
${candidates}  lsn=$("$psql" -X -At -h "$host" -p "$port" -U "$user" -d postgres \\
    -c "SELECT pg_wal_lsn_diff(${position}, '0/0')::bigint" 2>/dev/null) || continue
  [ -n "$lsn" ] || continue
  answered=$((answered + 1))
  if [ "$lsn" -gt "$best_lsn" ] || { [ "$lsn" -eq "$best_lsn" ] && [ "$priority" -gt "$best_priority" ]; }; then
    best_lsn="$lsn"; best_priority="$priority"; best="$id|$host|$port"
  fi
done
${quorum}[ -n "$best" ] || { echo "failover: no standby reachable" >&2; exit 1; }
IFS='|' read -r id host port <<< "$best"
echo "failover: promoting node $id at $host:$port (replayed $best_lsn bytes)" >&2
exec "$psql" -X -At -h "$host" -p "$port" -U "$user" -d postgres -c "SELECT pg_promote(true, 60)"
`;
}

/**
 * The shell variables both scripts start with. A connect timeout because Pgpool-II waits for the script, and a node
 * whose host is gone (an EC2 instance) drops packets: libpq would wait for the kernel's TCP timeout, minutes.
 */
export function psqlSettings(input: Pick<FailoverScriptInput, 'psql' | 'user' | 'passFile'>): string {
  return [
    `psql=${shellQuote(input.psql)}`,
    `user=${shellQuote(input.user)}`,
    'export PGCONNECT_TIMEOUT=5',
    ...(input.passFile === undefined ? [] : [`export PGPASSFILE=${shellQuote(input.passFile)}`]),
  ].join('\n');
}

// The admin console's views over all worker threads: whichever worker an admin connection lands on, SHOW POOLS,
// CLIENTS, SERVERS, STATS, POOL_NODES and WORKERS answer for the whole proxy. Each worker computes its own rows
// (admin-commands.ts); here they are merged: pools by (node, database, user) with their counts summed, clients and
// servers listed with the worker that holds them, statistics summed, node states (the same in every worker, from
// the one health check) with their select counts summed.
import type { ResultSet } from '../admin/admin-commands.ts';

type Merge = (parts: ResultSet[]) => ResultSet;

const num = (value: string | null): number => Number(value ?? 0);

/** Rows grouped by their first `keyColumns` values; in the others, numbers summed except `maxColumns` (maximum). */
function sumBy(keyColumns: number, maxColumns: ReadonlySet<string>, keepColumns: ReadonlySet<string>): Merge {
  return (parts) => {
    const columns = parts[0].columns;
    const merged = new Map<string, (string | null)[]>();
    for (const row of parts.flatMap((p) => p.rows)) {
      const key = JSON.stringify(row.slice(0, keyColumns));
      const into = merged.get(key);
      if (!into) {
        merged.set(key, [...row]);
        continue;
      }
      columns.forEach((column, i) => {
        if (i < keyColumns || keepColumns.has(column)) return;
        into[i] = String(maxColumns.has(column) ? Math.max(num(into[i]), num(row[i])) : num(into[i]) + num(row[i]));
      });
    }
    return { ...parts[0], rows: [...merged.values()] };
  };
}

/** Every worker's rows, each with the worker's index (ids are per worker). */
function listWithWorker(parts: ResultSet[]): ResultSet {
  return {
    ...parts[0],
    columns: [...parts[0].columns, 'worker'],
    rows: parts.flatMap((p, worker) => p.rows.map((row) => [...row, String(worker)])),
  };
}

/** Summed, with the mean transaction time weighted by each worker's transactions. */
function mergeStats(parts: ResultSet[]): ResultSet {
  const columns = parts[0].columns;
  const at = (name: string): number => columns.indexOf(name);
  const summed = sumBy(0, new Set(), new Set())(parts).rows[0];
  const transactions = parts.reduce((n, p) => n + num(p.rows[0][at('transactions')]), 0);
  const weighted = parts.reduce((n, p) => n + num(p.rows[0][at('avg_xact_us')]) * num(p.rows[0][at('transactions')]), 0);
  summed[at('avg_xact_us')] = String(transactions === 0 ? 0 : Math.round(weighted / transactions));
  return { ...parts[0], rows: [summed] };
}

const MERGES: Record<string, Merge> = {
  pools: sumBy(3, new Set(['maxwait_ms']), new Set(['pool_mode'])),
  clients: listWithWorker,
  servers: listWithWorker,
  stats: mergeStats,
  // Node states are adopted from the supervisor; only the select counts are per worker.
  pool_nodes: sumBy(1, new Set(), new Set(['hostname', 'port', 'status', 'lb_weight', 'role', 'load_balance_node', 'replication_delay', 'last_status_change'])),
  workers: (parts) => ({ ...parts[0], rows: parts.flatMap((p) => p.rows) }),
};

/** Whether SHOW `name` is merged over workers (CONFIG, ROUTE and WATCHDOG are the same in every worker). */
export function isAggregatedShow(name: string): boolean {
  return name in MERGES;
}

export function mergeShow(name: string, parts: ResultSet[]): ResultSet {
  return MERGES[name](parts);
}

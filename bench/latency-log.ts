// Per-transaction latencies from pgbench's transaction log (`pgbench -l`), for the many-clients benchmark:
// pgbench's own summary has only the mean, and with 500 clients queueing for a small pool the tail is the
// figure that matters. Each line is `client_id transaction_no time_us script_no epoch_s epoch_us`.
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';

/** Latencies in µs of one log file's text; skipped transactions (`skipped` in the time field) are left out. */
export function parseTransactionLog(text: string): number[] {
  const latencies: number[] = [];
  for (const line of text.split('\n')) {
    const fields = line.split(' ');
    if (fields.length < 3) continue;
    const micros = Number(fields[2]);
    if (Number.isFinite(micros)) latencies.push(micros);
  }
  return latencies;
}

/** Every latency in the log files whose names start with `prefix` in `dir` (one file per pgbench thread). */
export function readTransactionLogs(dir: string, prefix: string): number[] {
  return readdirSync(dir)
    .filter((name) => name.startsWith(prefix))
    .flatMap((name) => parseTransactionLog(readFileSync(join(dir, name), 'utf8')));
}

/** The nearest-rank percentile (0 < p ≤ 100) of unsorted values; undefined when there are none. */
export function percentile(values: readonly number[], p: number): number | undefined {
  if (values.length === 0) return undefined;
  const sorted = Float64Array.from(values).sort();
  const rank = Math.max(1, Math.ceil((p / 100) * sorted.length));
  return sorted[rank - 1];
}

// How the admin console merges the workers' rows: pools summed per (node, database, user) with the longest wait
// kept, clients listed with their worker, statistics summed with the mean weighted by transactions.
import { describe, expect, it } from 'vitest';
import type { ResultSet } from '../../../proxy/admin/admin-commands.ts';
import { isAggregatedShow, mergeShow } from '../../../proxy/workers/aggregated-shows.ts';

const set = (columns: string[], rows: (string | number)[][]): ResultSet => ({ columns, rows: rows.map((r) => r.map(String)), tag: 'SELECT' });
const POOLS = ['node', 'database', 'user', 'sv_active', 'sv_idle', 'sv_opening', 'cl_waiting', 'wait_count', 'maxwait_ms', 'pool_mode'];

describe('SHOW over workers', () => {
  it('sums pools per node, database and user, keeping the longest wait', () => {
    const merged = mergeShow('pools', [
      set(POOLS, [['primary', 'shop', 'app', 2, 1, 0, 3, 10, 40, 'transaction'], ['standby1', 'shop', 'app', 1, 0, 0, 0, 0, 0, 'transaction']]),
      set(POOLS, [['primary', 'shop', 'app', 1, 2, 1, 0, 5, 90, 'transaction']]),
    ]);
    expect(merged.rows).toEqual([
      ['primary', 'shop', 'app', '3', '3', '1', '3', '15', '90', 'transaction'],
      ['standby1', 'shop', 'app', '1', '0', '0', '0', '0', '0', 'transaction'],
    ]);
  });

  it('lists clients with the worker holding them', () => {
    const merged = mergeShow('clients', [set(['id', 'user'], [[1, 'a']]), set(['id', 'user'], [[1, 'b'], [2, 'c']])]);
    expect(merged.columns).toEqual(['id', 'user', 'worker']);
    expect(merged.rows).toEqual([['1', 'a', '0'], ['1', 'b', '1'], ['2', 'c', '1']]);
  });

  it('sums statistics and weights the mean transaction time by transactions', () => {
    const columns = ['clients_connected', 'transactions', 'avg_xact_us'];
    const merged = mergeShow('stats', [set(columns, [[2, 100, 50]]), set(columns, [[3, 300, 10]])]);
    expect(merged.rows).toEqual([['5', '400', '20']]);
  });

  it('leaves the views every worker has whole to the worker asked', () => {
    expect(isAggregatedShow('config')).toBe(false);
    expect(isAggregatedShow('pool_nodes')).toBe(true);
  });
});

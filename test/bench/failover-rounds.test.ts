import { describe, expect, it } from 'vitest';
import { combineFailoverRounds } from '../../bench/failover-bench.ts';

describe('combineFailoverRounds', () => {
  it('reports the median of the measured rounds and lists each time', () => {
    const combined = combineFailoverRounds([
      { target: 'Pgpool-II', status: 'measured', seconds: 0.9, attempts: 4, landedOnFormerStandby: true },
      { target: 'Pgpool-II', status: 'measured', seconds: 0.3, attempts: 2, landedOnFormerStandby: true },
      { target: 'Pgpool-II', status: 'measured', seconds: 2.1, attempts: 9, landedOnFormerStandby: true },
    ]);
    expect(combined).toMatchObject({
      status: 'measured', seconds: 0.9, attempts: 4, note: 'median of 3 (0.90, 0.30, 2.10 s), each on a former standby',
    });
    expect(combined.rounds).toHaveLength(3);
  });

  it('counts failed rounds and keeps the failure when no round was measured', () => {
    const failed = { target: 'Pgpool-II', status: 'failed' as const, note: 'no successful write within 60 s' };
    expect(combineFailoverRounds([{ target: 'Pgpool-II', status: 'measured', seconds: 1, attempts: 3 }, failed]).note).toBe(
      'median of 1 (1.00 s); 1 not on a former standby; 1 failed: no successful write within 60 s',
    );
    expect(combineFailoverRounds([failed, failed])).toMatchObject({ status: 'failed', seconds: undefined, note: failed.note });
  });
});

import { describe, expect, it } from 'vitest';
import { scavengeTotals } from '../../bench/gc-trace.ts';

describe('--trace-gc lines', () => {
  it('count the scavenges and add up their main-thread pauses, leaving out other collections and log lines', () => {
    const log = [
      '[24373:0x182a2000]       97 ms: Scavenge 4.9 (6.0) -> 4.6 (7.0) MB, pooled: 0 MB, 6.53 / 0.00 ms  (average mu = 1.000, current mu = 1.000) allocation failure; ',
      '{"level":"info","msg":"listening"}',
      '[24373:0x182a2000]      101 ms: Scavenge 4.9 (7.0) -> 4.8 (7.3) MB, 2.25 / 0.10 ms  (average mu = 1.000, current mu = 1.000) task; ',
      '[24373:0x182a2000]      230 ms: Mark-Compact 9.1 (12.0) -> 6.2 (11.0) MB, pooled: 0 MB, 12.00 / 0.00 ms  (average mu = 0.9) finalize incremental marking;',
    ].join('\n');
    const totals = scavengeTotals(log);
    expect(totals.scavenges).toBe(2);
    expect(totals.pauseMs).toBeCloseTo(8.78, 6);
    expect(scavengeTotals('')).toEqual({ scavenges: 0, pauseMs: 0 });
  });
});

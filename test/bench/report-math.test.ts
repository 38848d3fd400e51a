import { describe, expect, it } from 'vitest';
import { builtinRatios, median, ratio, summarize, type Sample } from '../../bench/report-math.ts';

function sample(overrides: Partial<Sample>): Sample {
  return {
    workload: 'select-simple', target: 'direct', round: 1, ok: true, tps: 1000, latencyMs: 1, transactions: 10_000,
    serverCpuSeconds: 2, standbyCpuSeconds: 0, ...overrides,
  };
}

describe('median', () => {
  it('takes the middle value of an odd count and the mean of the two middle values of an even count', () => {
    expect(median([3, 1, 2])).toBe(2);
    expect(median([4, 1, 3, 2])).toBe(2.5);
    expect(median([])).toBeUndefined();
  });
});

describe('summarize', () => {
  it('reports medians over successful runs only and keeps the errors of failed ones', () => {
    const samples = [
      sample({ target: 'pgbouncer', round: 1, tps: 900, proxyCpuSeconds: 1, transactions: 1000 }),
      sample({ target: 'pgbouncer', round: 2, ok: false, tps: undefined, error: 'prepared statement "P_0" already exists' }),
      sample({ target: 'pgbouncer', round: 3, tps: 1100, proxyCpuSeconds: 3, transactions: 1000 }),
    ];
    const [summary] = summarize(samples);
    expect(summary).toMatchObject({ target: 'pgbouncer', runs: 3, failedRuns: 1, medianTps: 1000, medianProxyCpuSeconds: 2 });
    expect(summary.proxyCpuMicrosPerTransaction).toBe(2000);
    expect(summary.tpsSpread).toBeCloseTo(0.2);
    expect(summary.errors).toEqual(['prepared statement "P_0" already exists']);
  });

  it('groups by workload and target and reports the standby share of PostgreSQL CPU', () => {
    const summaries = summarize([
      sample({ target: 'pgpool', serverCpuSeconds: 4, standbyCpuSeconds: 1 }),
      sample({ workload: 'tpcb', target: 'pgpool' }),
    ]);
    expect(summaries.map((summary) => `${summary.workload}/${summary.target}`)).toEqual(['select-simple/pgpool', 'tpcb/pgpool']);
    expect(summaries[0].standbyCpuShare).toBe(0.25);
    expect(summaries[0].proxyCpuMicrosPerTransaction).toBeUndefined();
  });
});

describe('builtinRatios', () => {
  it('divides the builtin median TPS by each other target and leaves missing sides undefined', () => {
    const summaries = summarize([
      sample({ target: 'direct', tps: 2000 }),
      sample({ target: 'builtin', tps: 1500 }),
      sample({ target: 'builtin-primary', tps: 1200 }),
      sample({ target: 'pgbouncer', tps: 1000 }),
    ]);
    expect(builtinRatios(summaries)).toEqual([
      {
        workload: 'select-simple',
        builtinVsPgbouncer: 1.5,
        builtinPrimaryVsPgbouncer: 1.2,
        builtinVsPgpool: undefined,
        builtinVsDirect: 0.75,
      },
    ]);
    expect(ratio(1, 0)).toBeUndefined();
  });
});

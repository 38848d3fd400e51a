import { describe, expect, it } from 'vitest';
import { renderColumns, renderEngineTable, renderThroughputTable } from '../../bench/report-table.ts';
import { summarize } from '../../bench/report-math.ts';

describe('renderColumns', () => {
  it('pads labels on the right and numbers on the left under a dashed rule', () => {
    expect(renderColumns(['name', 'tps'], [['a', '5'], ['bbb', '12345']]).split('\n')).toEqual([
      'name    tps',
      '----  -----',
      'a         5',
      'bbb   12345',
    ]);
  });
});

describe('renderThroughputTable', () => {
  it('shows FAILED and the pgbench error for a target without a successful run', () => {
    const summaries = summarize([
      { workload: 'select-prepared', target: 'direct', round: 1, ok: true, tps: 100, latencyMs: 1, serverCpuSeconds: 1, standbyCpuSeconds: 0 },
      { workload: 'select-prepared', target: 'pgbouncer', round: 1, ok: false, error: 'prepared statement "P_0" already exists', serverCpuSeconds: 1, standbyCpuSeconds: 0 },
    ]);
    const table = renderThroughputTable(summaries);
    expect(table).toMatch(/select-prepared \/ pgbouncer\s+FAILED/);
    expect(table).toContain('select-prepared / pgbouncer: prepared statement "P_0" already exists');
  });
});

describe('renderEngineTable', () => {
  it('tabulates seconds per phase and cluster count from the plan benchmark JSON', () => {
    const json = {
      runs: {
        '10': { planFromEmpty: { seconds: 0.0081, resources: 50 }, seedApplySeconds: 0.04 },
        '1000': { planFromEmpty: { seconds: 0.1526, resources: 5000 }, seedApplySeconds: 1.99 },
      },
    };
    expect(renderEngineTable(json)?.split('\n')).toEqual([
      'engine plan (seconds) / clusters  planFromEmpty  seedApply',
      '--------------------------------  -------------  ---------',
      '10                                        0.008      0.040',
      '1000                                      0.153      1.990',
    ]);
  });

  it('gives up on output of another shape so the raw text is printed instead', () => {
    expect(renderEngineTable(undefined)).toBeUndefined();
    expect(renderEngineTable({ runs: { '10': { note: 'x' } } })).toBeUndefined();
  });
});

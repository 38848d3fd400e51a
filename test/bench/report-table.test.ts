import { describe, expect, it } from 'vitest';
import { renderColumns, renderEngineTable, renderIdleMemoryTable, renderManyClientsTable, renderThroughputTable } from '../../bench/report-table.ts';
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

describe('renderIdleMemoryTable and renderManyClientsTable', () => {
  it('shows kB per idle client over the base and over the level before, and the many-clients errors in full', () => {
    const idle = renderIdleMemoryTable([
      {
        target: 'pgbouncer', label: 'PgBouncer', status: 'ran', baseRssBytes: 8 * 2 ** 20, points: [
          { clients: 1000, rssBytes: 9 * 2 ** 20, bytesPerClient: 1048.576, loginSeconds: 0.52 },
          { clients: 5000, rssBytes: 12 * 2 ** 20, bytesPerClient: 838.8608, marginalBytesPerClient: 786.432, loginSeconds: 2.1 },
        ],
      },
      { target: 'builtin-primary', label: 'builtin', status: 'failed', reason: 'login 901 failed: too many clients', points: [] },
    ]).split('\n');
    expect(idle[2]).toMatch(/^PgBouncer \/ 1000 +8\.0 +9\.0 +1\.02 +- +0\.5$/);
    expect(idle[3]).toMatch(/^PgBouncer \/ 5000 +8\.0 +12\.0 +0\.82 +0\.77 +2\.1$/);
    expect(idle[4]).toMatch(/FAILED: login 901 failed: too many clients$/);
    const many = renderManyClientsTable([{
      target: 'builtin-primary', label: 'builtin', status: 'failed', errors: ['3 idle clients closed: connection closed by the server'],
      idleClients: 10_000, activeClients: 500, baseRssBytes: 100 * 2 ** 20, idleRssBytes: 130 * 2 ** 20, tps: 1500, latencyMedianMs: 240, latencyP99Ms: 360.5,
    }]).split('\n');
    expect(many[2]).toMatch(/^builtin: 10000 \+ 500 +3 idle clients closed: connection closed by the server +100\.0 +130\.0 +- +3\.07 +1500 +240\.00 +360\.50$/);
  });
});

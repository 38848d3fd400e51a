import { describe, expect, it } from 'vitest';
import { cpuEfficiencyRows } from '../../bench/cpu-efficiency.ts';
import { summarize, type Sample } from '../../bench/report-math.ts';
import { renderCpuEfficiencyTable } from '../../bench/report-table.ts';

function sample(overrides: Partial<Sample>): Sample {
  return { workload: 'select-simple', target: 'pgbouncer', round: 1, ok: true, tps: 1000, transactions: 100_000, serverCpuSeconds: 1, standbyCpuSeconds: 0, ...overrides };
}

describe('cpuEfficiencyRows', () => {
  const summaries = summarize([
    sample({ target: 'pgbouncer', proxyCpuSeconds: 2 }), // 20 µs/txn
    sample({ target: 'builtin-primary', proxyCpuSeconds: 2.2 }), // 22 µs/txn: 1.10×
    sample({ target: 'builtin-primary-w2', proxyCpuSeconds: 2.6 }), // 26 µs/txn: 1.30×
    sample({ target: 'node-pipe', proxyCpuSeconds: 2.4 }), // 24 µs/txn: 1.20×
    sample({ workload: 'churn', target: 'pgbouncer', proxyCpuSeconds: 0.2, transactions: 1000 }), // 200 µs/login
    sample({ workload: 'churn', target: 'builtin-primary', proxyCpuSeconds: 0.6, transactions: 1000 }), // 3×
    sample({ workload: 'select-prepared', target: 'builtin-primary', proxyCpuSeconds: 1 }),
  ]);

  it('divides the proxy CPU per transaction by PgBouncer’s, against 1.15× per query and 2× per login', () => {
    const rows = cpuEfficiencyRows(summaries);
    expect(rows.map((row) => row.workload)).toEqual(['select-simple', 'churn']); // no target for select-prepared
    expect(rows[0]).toMatchObject({ target: 1.15 });
    expect([rows[0].builtinMicros, rows[0].builtinTwoWorkersMicros, rows[0].pgbouncerMicros].map((micros) => Math.round(micros ?? 0))).toEqual([22, 26, 20]);
    expect(rows[0].ratio).toBeCloseTo(1.1);
    expect(rows[0].twoWorkersRatio).toBeCloseTo(1.3);
    expect(rows[0].nodePipeMicros).toBeCloseTo(24);
    expect(rows[0].nodePipeRatio).toBeCloseTo(1.2);
    expect(rows[1].nodePipeRatio).toBeUndefined();
    expect(rows[1]).toMatchObject({ target: 2 });
    expect(rows[1].ratio).toBeCloseTo(3);
  });

  it('says which targets are met and which missed, the bare Node pipe’s too', () => {
    const table = renderCpuEfficiencyTable(cpuEfficiencyRows(summaries)).split('\n');
    expect(table[2]).toMatch(/^select-simple +22\.0 +26\.0 +24\.0 +20\.0 +1\.10x met +1\.30x missed +1\.20x missed +≤ 1\.15x$/);
    expect(table[3]).toMatch(/^churn \(µs \/ login\) .* 3\.00x missed +n\/a +n\/a +≤ 2\.00x$/);
  });
});

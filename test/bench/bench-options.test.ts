import { describe, expect, it } from 'vitest';
import { BenchOptionsError, DEFAULTS, estimateThroughputSeconds, parseBenchOptions } from '../../bench/bench-options.ts';
import type { BenchTarget } from '../../bench/targets/bench-target.ts';
import type { WorkloadName } from '../../bench/workloads.ts';

describe('parseBenchOptions', () => {
  it('defaults to every target, workload and section', () => {
    const options = parseBenchOptions([]);
    expect(options).toMatchObject({ ...DEFAULTS, sections: ['throughput', 'idle-memory', 'many-clients', 'failover', 'engine'] });
    expect(options.targets).toEqual(['direct', 'builtin', 'builtin-primary', 'builtin-primary-w2', 'node-pipe', 'pgbouncer', 'pgpool']);
    expect(options.workloads).toHaveLength(5);
  });

  it('keeps the canonical target order whatever order --only lists them in', () => {
    expect(parseBenchOptions(['--only', 'pgpool,direct']).targets).toEqual(['direct', 'pgpool']);
  });

  it('runs only the sections named', () => {
    expect(parseBenchOptions(['--failover']).sections).toEqual(['failover']);
    expect(parseBenchOptions(['--many-clients', '--idle-memory']).sections).toEqual(['idle-memory', 'many-clients']);
  });

  it('takes the idle-client levels and the many-clients sizes, rejecting what is not a whole number', () => {
    const options = parseBenchOptions(['--idle-levels', '500, 2000', '--many-idle', '2000', '--many-active', '50']);
    expect(options).toMatchObject({ idleLevels: [500, 2000], manyIdle: 2000, manyActive: 50 });
    expect(() => parseBenchOptions(['--idle-levels', '1000,lots'])).toThrow(/--idle-levels must be a whole number ≥ 1, got "lots"/);
    expect(() => parseBenchOptions(['--idle-levels', ''])).toThrow(BenchOptionsError);
    expect(() => parseBenchOptions(['--many-active', '0'])).toThrow(/--many-active/);
  });

  it('runs the watchdog benchmark only when asked, alone or beside other sections, 3 rounds by default', () => {
    expect(parseBenchOptions(['--watchdog']).sections).toEqual(['watchdog']);
    expect(parseBenchOptions(['--watchdog', '--failover']).sections).toEqual(['failover', 'watchdog']);
    expect(parseBenchOptions([]).watchdogRounds).toBe(3);
    expect(parseBenchOptions(['--watchdog-rounds', '5']).watchdogRounds).toBe(5);
    expect(() => parseBenchOptions(['--watchdog-rounds', '0'])).toThrow(/--watchdog-rounds must be a whole number ≥ 1/);
  });

  it('takes the failover health-check retries, 0 by default and 0 allowed', () => {
    expect(parseBenchOptions([]).failoverRetries).toBe(0);
    expect(parseBenchOptions(['--failover-retries', '1']).failoverRetries).toBe(1);
    expect(() => parseBenchOptions(['--failover-retries', '1.5'])).toThrow(/--failover-retries must be a whole number ≥ 0/);
  });

  it('rejects unknown names and non-numbers with a message naming the valid choices', () => {
    expect(() => parseBenchOptions(['--only', 'haproxy'])).toThrow(/unknown haproxy; choose from direct, builtin/);
    expect(() => parseBenchOptions(['--duration', '0'])).toThrow(BenchOptionsError);
    expect(() => parseBenchOptions(['--frobnicate'])).toThrow(/--help/);
  });

  it('estimates each target on the workloads it is measured on', () => {
    const options = parseBenchOptions(['--rounds', '2', '--duration', '5']);
    const target = (workloads?: WorkloadName[]) => ({ workloads }) as BenchTarget;
    // 5 workloads + 3 of them, 2 rounds, 5 s + 1.5 s overhead each
    expect(estimateThroughputSeconds(options, [target(), target(['select-simple', 'select-extended', 'tpcb'])])).toBe(8 * 2 * 6.5);
  });
});

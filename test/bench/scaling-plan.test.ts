import { describe, expect, it } from 'vitest';
import { allowedCpus, formatCpuList, parseCpuList, planScaling } from '../../bench/scaling-plan.ts';

describe('CPU lists', () => {
  it('reads ranges and single CPUs, and the allowed list of /proc/<pid>/status', () => {
    expect(parseCpuList('0-3,6,8-9')).toEqual([0, 1, 2, 3, 6, 8, 9]);
    expect(formatCpuList([1, 2])).toBe('1,2');
    expect(allowedCpus('Name:\tnode\nCpus_allowed:\t3\nCpus_allowed_list:\t0-1\n')).toEqual([0, 1]);
    expect(() => parseCpuList('3-1')).toThrow(/not a CPU list/);
  });
});

describe('planScaling', () => {
  it('gives the proxy half the cores and every worker count up to them', () => {
    const plan = planScaling(parseCpuList('0-15'));
    expect(plan.loadCpus).toEqual([0, 1, 2, 3, 4, 5, 6, 7]);
    expect(plan.proxyCpus).toEqual([8, 9, 10, 11, 12, 13, 14, 15]);
    expect(plan.workerCounts).toEqual([1, 2, 4, 8]);
    expect(plan.notes).toEqual([]);
  });

  it('shrinks to what fits on a small machine and says why', () => {
    const plan = planScaling([0, 1]);
    expect(plan).toMatchObject({ proxyCpus: [1], loadCpus: [0], workerCounts: [1] });
    expect(plan.notes[0]).toMatch(/workers 2, 4, 8 left out/);
  });

  it('takes an explicit proxy share but always leaves one CPU for the load', () => {
    expect(planScaling(parseCpuList('0-7'), 6)).toMatchObject({ loadCpus: [0, 1], workerCounts: [1, 2, 4] });
    expect(planScaling([0, 1], 5).loadCpus).toEqual([0]);
    expect(planScaling([0]).notes[0]).toMatch(/share it, unpinned/);
  });

  it('runs the worker counts asked for, and says which oversubscribe the proxy cores', () => {
    const plan = planScaling([0, 1], undefined, [2, 1, 2]);
    expect(plan.workerCounts).toEqual([1, 2]);
    expect(plan.notes).toEqual([expect.stringMatching(/^workers 2, 2 oversubscribe the proxy's 1 CPU/)]);
  });
});

import { describe, expect, it } from 'vitest';
import { parseProcStat, processTreeCpuSeconds, reapedChildrenCpuSeconds, treeTicks } from '../../bench/process-tree-cpu.ts';

function statLine(pid: number, comm: string, ppid: number, [utime, stime, cutime, cstime]: number[]): string {
  const before = ['S', ppid, pid, pid, 0, -1, 4194304, 100, 0, 0, 0];
  return `${pid} (${comm}) ${[...before, utime, stime, cutime, cstime, 20, 0, 1, 0].join(' ')}`;
}

describe('parseProcStat', () => {
  it('counts fields after the last parenthesis so command names with spaces and parentheses parse', () => {
    expect(parseProcStat(statLine(42, 'postgres: bench (idle)', 7, [10, 5, 3, 2]))).toEqual({ pid: 42, ppid: 7, ticks: 20 });
  });
});

describe('treeTicks', () => {
  it('sums a root and all its descendants, and nothing else', () => {
    const stats = [
      { pid: 1, ppid: 0, ticks: 1000 },
      { pid: 10, ppid: 1, ticks: 5 },
      { pid: 11, ppid: 10, ticks: 7 },
      { pid: 12, ppid: 11, ticks: 11 },
      { pid: 20, ppid: 1, ticks: 13 },
    ];
    expect(treeTicks(stats, [10])).toBe(23);
    expect(treeTicks(stats, [10, 20])).toBe(36);
    expect(treeTicks(stats, [99])).toBe(0);
  });
});

describe('processTreeCpuSeconds', () => {
  it('sees CPU burnt by this very process', () => {
    const before = processTreeCpuSeconds([process.pid]);
    const until = Date.now() + 300;
    let spin = 0;
    while (Date.now() < until) spin++;
    expect(spin).toBeGreaterThan(0);
    expect(processTreeCpuSeconds([process.pid])).toBeGreaterThan(before);
  });
});

describe('reapedChildrenCpuSeconds', () => {
  it('grows by the CPU of a child process once it has exited', async () => {
    const { execFileSync } = await import('node:child_process');
    const before = reapedChildrenCpuSeconds();
    execFileSync(process.execPath, ['-e', 'const end = Date.now() + 300; while (Date.now() < end);']);
    expect(reapedChildrenCpuSeconds()).toBeGreaterThan(before);
  });
});

import { describe, expect, it } from 'vitest';
import { parseOpenFilesLimit } from '../../bench/fd-limit.ts';
import { bytesPerClient, idleLevels, idleMemoryPoints } from '../../bench/idle-memory-math.ts';
import { parseTransactionLog, percentile } from '../../bench/latency-log.ts';
import { parseVmRssBytes } from '../../bench/process-tree-rss.ts';

describe('memory per idle client', () => {
  it('divides the growth over the base by the clients held', () => {
    expect(bytesPerClient(100_000_000, 130_000_000, 10_000)).toBe(3000);
    expect(bytesPerClient(5, 5, 0)).toBe(0);
  });

  it('gives each level its growth per client over the base and, from the second level on, over the level before', () => {
    const points = idleMemoryPoints(100_000_000, [
      { clients: 1000, rssBytes: 110_000_000, loginSeconds: 1 },
      { clients: 5000, rssBytes: 130_000_000, loginSeconds: 4 },
      { clients: 10_000, rssBytes: 150_000_000, loginSeconds: 5 },
    ]);
    expect(points.map((point) => point.bytesPerClient)).toEqual([10_000, 6000, 5000]);
    expect(points.map((point) => point.marginalBytesPerClient)).toEqual([undefined, 5000, 4000]);
    expect(points[1]).toMatchObject({ clients: 5000, rssBytes: 130_000_000, loginSeconds: 4 });
  });

  it('adds clients in rising steps, each level once', () => {
    expect(idleLevels([10_000, 1000, 5000, 1000])).toEqual([1000, 5000, 10_000]);
  });

  it('reads VmRSS from /proc/<pid>/status in bytes, and nothing for a kernel thread', () => {
    expect(parseVmRssBytes('Name:\tnode\nVmPeak:\t  900 kB\nVmRSS:\t  123456 kB\nRssAnon:\t 1 kB\n')).toBe(123456 * 1024);
    expect(parseVmRssBytes('Name:\tkthreadd\nState:\tS (sleeping)\n')).toBeUndefined();
  });
});

describe('pgbench transaction log', () => {
  it('takes the latency field of each line and leaves out skipped transactions', () => {
    const log = '0 1 1520 0 1764740000 100\n1 1 980 0 1764740000 200\n2 1 skipped 0 1764740000 300\n\n';
    expect(parseTransactionLog(log)).toEqual([1520, 980]);
  });

  it('gives nearest-rank percentiles', () => {
    const values = Array.from({ length: 100 }, (_, index) => 100 - index); // 100 … 1, unsorted
    expect(percentile(values, 50)).toBe(50);
    expect(percentile(values, 99)).toBe(99);
    expect(percentile(values, 100)).toBe(100);
    expect(percentile([7], 99)).toBe(7);
    expect(percentile([], 50)).toBeUndefined();
  });
});

describe('open files limit', () => {
  it('reads the soft and hard limits of /proc/<pid>/limits', () => {
    const limits = [
      'Limit                     Soft Limit           Hard Limit           Units',
      'Max processes             95476                95476                processes',
      'Max open files            20000                1048576              files',
    ].join('\n');
    expect(parseOpenFilesLimit(limits)).toEqual({ soft: 20000, hard: 1048576 });
    expect(parseOpenFilesLimit('Max open files            unlimited            unlimited            files')?.soft).toBe(Number.MAX_SAFE_INTEGER);
    expect(parseOpenFilesLimit('Max processes 1 1')).toBeUndefined();
  });
});

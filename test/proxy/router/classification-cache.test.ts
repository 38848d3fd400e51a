import { describe, expect, it } from 'vitest';
import { ClassificationCache } from '../../../proxy/router/classification-cache.ts';

describe('classification cache', () => {
  it('classifies a text once and returns the same class object afterwards', () => {
    const cache = new ClassificationCache(10);
    const first = cache.classify('SELECT abalance FROM pgbench_accounts WHERE aid = $1');
    expect(cache.classify('SELECT abalance FROM pgbench_accounts WHERE aid = $1')).toBe(first);
    expect([cache.hits, cache.misses]).toEqual([1, 1]);
  });

  it('stays bounded and keeps recently used texts', () => {
    const cache = new ClassificationCache(4);
    const hot = cache.classify('SELECT 0');
    for (let i = 1; i <= 20; i++) {
      cache.classify(`SELECT ${i}`);
      expect(cache.classify('SELECT 0')).toBe(hot);
      expect(cache.size).toBeLessThanOrEqual(4);
    }
    expect(cache.misses).toBe(21);
    cache.classify('SELECT 1');
    expect(cache.misses).toBe(22);
  });
});

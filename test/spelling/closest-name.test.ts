import { describe, expect, it } from 'vitest';
import { closestName } from '../../spelling/closest-name.ts';

describe('closestName', () => {
  it('finds the nearest candidate, ignoring case', () => {
    expect(closestName('Analytic', ['orders', 'analytics', 'analyst-db'])).toBe('analytics');
  });

  it('counts a swap of neighbours as one edit', () => {
    expect(closestName('ordres', ['orders', 'odd'])).toBe('orders');
  });

  it('suggests nothing further than a third of the name away', () => {
    expect(closestName('reports', ['billing', 'orders-eu'])).toBeUndefined();
  });

  it('compares through the normalization it is given', () => {
    const strip = (name: string) => name.toLowerCase().replace(/[-_]/g, '');
    expect(closestName('pool_size', ['poolSize', 'poolMode'], strip)).toBe('poolSize');
  });
});

// The background catalog lookups behind rules 2 and 3: one lookup per name, failures retried, overrides first.

import { describe, expect, it } from 'vitest';
import { FunctionVolatility, volatilityFromCatalog } from '../../../proxy/router/function-volatility.ts';
import { persistenceFromCatalog, RelationPersistence } from '../../../proxy/router/relation-persistence.ts';

describe('function volatility oracle', () => {
  it('starts one lookup per name however often it is judged', async () => {
    const asked: string[] = [];
    const oracle = new FunctionVolatility({
      writeFunctions: [],
      readOnlyFunctions: [],
      lookup: async (name) => (asked.push(name), 'immutable'),
    });
    expect(oracle.judge('f').write).toBe(true);
    expect(oracle.judge('f').write).toBe(true);
    await oracle.resolve(['f']);
    expect(oracle.judge('f')).toEqual({ write: false, reason: 'f() is IMMUTABLE' });
    expect(asked).toEqual(['f']);
  });

  it('a failed lookup leaves the name unknown (a write) and is retried', async () => {
    let fail = true;
    const oracle = new FunctionVolatility({
      writeFunctions: [],
      readOnlyFunctions: [],
      lookup: async () => {
        if (fail) throw new Error('connection lost');
        return 'stable';
      },
    });
    await oracle.resolve(['g']);
    fail = false;
    expect(oracle.judge('g')).toEqual({ write: true, reason: 'g() volatility is not known yet' });
    await oracle.resolve(['g']);
    expect(oracle.judge('g').write).toBe(false);
  });

  it('writeFunctions win over readOnlyFunctions and over built-in knowledge', () => {
    const oracle = new FunctionVolatility({ writeFunctions: ['count'], readOnlyFunctions: ['count', 'nextval'] });
    expect(oracle.judge('count').write).toBe(true);
    expect(oracle.judge('nextval').write).toBe(false);
    expect(oracle.judge('COUNT').write).toBe(true);
  });

  it('maps pg_proc.provolatile', () => {
    expect(['i', 's', 'v', null].map(volatilityFromCatalog)).toEqual(['immutable', 'stable', 'volatile', 'unknown']);
  });
});

describe('relation persistence oracle', () => {
  it('knows session temp tables and pg_temp names without the catalog', () => {
    const oracle = new RelationPersistence();
    expect(oracle.primaryOnlyReason('scratch', new Set(['scratch']))).toMatch(/temporary/);
    expect(oracle.primaryOnlyReason('pg_temp_3.x', new Set())).toMatch(/temporary/);
    expect(oracle.primaryOnlyReason('t', new Set())).toBeUndefined();
  });

  it('with a catalog, unknown tables go to the primary until pg_class answers', async () => {
    const oracle = new RelationPersistence(async (name) => (name === 'fast' ? 'unlogged' : 'permanent'));
    expect(oracle.primaryOnlyReason('fast', new Set())).toMatch(/not known yet/);
    expect(oracle.primaryOnlyReason('t', new Set())).toMatch(/not known yet/);
    await oracle.resolve(['fast', 't']);
    expect(oracle.primaryOnlyReason('fast', new Set())).toBe('fast is unlogged');
    expect(oracle.primaryOnlyReason('t', new Set())).toBeUndefined();
  });

  it('maps pg_class.relpersistence', () => {
    expect(['p', 'u', 't', undefined].map(persistenceFromCatalog)).toEqual(['permanent', 'unlogged', 'temporary', 'unknown']);
  });
});

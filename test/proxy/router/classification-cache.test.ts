import { describe, expect, it } from 'vitest';
import { ClassificationCache, noRecentStatement } from '../../../proxy/router/classification-cache.ts';
import { classifyStatement } from '../../../proxy/router/classify-statement.ts';
import { literalShape, sameShape } from '../../../proxy/router/literal-key.ts';
import { statementCorpus } from './statement-corpus.ts';

/** The same statement with other literal values (digits and plain string contents changed). */
function withOtherLiterals(sql: string): string {
  return sql.replace(/'(?:[^']|'')*'/g, "'other'").replace(/(?<![\w$."])\d+/g, (d) => String(Number(d[0]) + 7));
}

describe('classification cache', () => {
  it('classifies a text once and returns the same class object afterwards', () => {
    const cache = new ClassificationCache(10);
    const first = cache.classify('SELECT abalance FROM pgbench_accounts WHERE aid = $1');
    expect(cache.classify('SELECT abalance FROM pgbench_accounts WHERE aid = $1')).toBe(first);
    expect([cache.hits, cache.misses]).toEqual([1, 1]);
  });

  it('stays bounded and keeps recently used texts', () => {
    const cache = new ClassificationCache(4);
    const hot = cache.classify('SELECT * FROM t0');
    for (let i = 1; i <= 20; i++) {
      cache.classify(`SELECT * FROM t${i}`);
      expect(cache.classify('SELECT * FROM t0')).toBe(hot);
      expect(cache.size).toBeLessThanOrEqual(4);
    }
    expect(cache.misses).toBe(21);
    cache.classify('SELECT * FROM t1');
    expect(cache.misses).toBe(22);
  });

  it('shares one class among statements that differ only in literals', () => {
    const cache = new ClassificationCache(10);
    const first = cache.classify('SELECT abalance FROM pgbench_accounts WHERE aid = 12345;');
    expect(cache.classify('SELECT abalance FROM pgbench_accounts WHERE aid = 777;')).toBe(first);
    expect(cache.classify("UPDATE t SET name = 'x' WHERE id = 1")).toBe(cache.classify("UPDATE t SET name = 'it''s' WHERE id = 2.5e-3"));
    expect([cache.hits, cache.misses]).toEqual([2, 2]);
  });

  it('caches statements whose class may depend on a literal by exact text only', () => {
    const cache = new ClassificationCache(10);
    const serializable = cache.classify("SET default_transaction_isolation = 'serializable'");
    const committed = cache.classify("SET default_transaction_isolation = 'read committed'");
    expect([serializable.sessionIsolation, committed.sessionIsolation]).toEqual(['serializable', 'read committed']);
    const hinted = cache.classify('/*NO LOAD BALANCE*/ SELECT 1');
    expect(hinted.forcePrimary).toBe(true);
    expect(cache.classify('/* no hint */ SELECT 1').forcePrimary).toBeUndefined();
    expect(cache.classify("EXPLAIN (ANALYZE 0) DELETE FROM t").reason).not.toBe(cache.classify("EXPLAIN (ANALYZE 1) DELETE FROM t").reason);
  });

  it('gives no literal key where the scan cannot be sure', () => {
    for (const sql of [
      "SELECT E'\\x'",
      "SELECT $$1$$",
      "SELECT B'101'",
      "SELECT U&'d\\0061t'",
      'SELECT 1; SET x = 1',
      'SELECT 1 -- comment',
      'SELECT /* c */ 1',
      "SELECT 'unterminated",
      "SET x = '1'",
      "EXPLAIN SELECT 1",
      'BEGIN ISOLATION LEVEL SERIALIZABLE',
      'SELECT a FROM t WHERE b = $1', // no literals: the exact text is the key
      'SELECTED 1',
      'SET_x 1',
    ]) {
      expect(literalShape(sql), sql).toBe(-1);
    }
  });

  it('tells texts of one shape from texts that differ outside their literals', () => {
    const same = [
      ['SELECT a FROM "t1" WHERE b = $1 AND c = 5;', 'SELECT a FROM "t1" WHERE b = $1 AND c = 70.5e-3;'],
      ["select x1 from t where y = 'a''b'", "select x1 from t where y = ''"],
    ];
    expect(literalShape('  SeLeCt a FROM t WHERE b = 1')).toBeGreaterThanOrEqual(0);
    for (const [a, b] of same) {
      expect(literalShape(a)).toBe(literalShape(b));
      expect(sameShape(a, b), `${a} ~ ${b}`).toBe(true);
    }
    const different = [
      ['SELECT a FROM "t1" WHERE b = 1', 'SELECT a FROM "t2" WHERE b = 1'],
      ['SELECT a FROM t WHERE b = 1', "SELECT a FROM t WHERE b = '1'"],
      ['SELECT x1 FROM t', 'SELECT x2 FROM t'],
      ['SELECT 1 FROM t', 'SELECT 1 FROM t;'],
      ['SELECT * FROM t WHERE a = $1 AND b = 1', 'SELECT * FROM t WHERE a = $2 AND b = 1'],
    ];
    for (const [a, b] of different) expect(sameShape(a, b), `${a} !~ ${b}`).toBe(false);
  });

  it("answers a session's repeat or same-shape statement from its previous one, and looks anything else up", () => {
    const cache = new ClassificationCache(100);
    const session = noRecentStatement();
    const read = cache.classify('SELECT abalance FROM pgbench_accounts WHERE aid = 1;', session);
    expect(cache.classify('SELECT abalance FROM pgbench_accounts WHERE aid = 2;', session)).toBe(read);
    expect(cache.classify('SELECT abalance FROM pgbench_accounts WHERE aid = 2;', session)).toBe(read);
    expect([cache.hits, cache.misses]).toEqual([2, 1]);
    for (const sql of [
      'SELECT abalance FROM pgbench_accounts WHERE aid = 3 FOR UPDATE;',
      'SELECT abalance FROM pgbench_accounts WHERE aid = 3; DELETE FROM pgbench_accounts',
      "SELECT abalance FROM pgbench_accounts WHERE aid = 3 -- '",
      "SELECT abalance FROM pgbench_accounts WHERE aid = '3\\'",
    ]) {
      cache.classify('SELECT abalance FROM pgbench_accounts WHERE aid = 1;', session);
      expect(JSON.stringify(cache.classify(sql, session)), sql).toBe(JSON.stringify(classifyStatement(sql)));
    }
    expect(cache.classify('SELECT abalance FROM pgbench_accounts WHERE aid = 4;', noRecentStatement())).toBe(read);
  });

  it('classifies every corpus statement exactly as without the cache, after a literal variant filled it', () => {
    const cache = new ClassificationCache(100_000);
    const corpus = statementCorpus(3000);
    const differences: string[] = [];
    let shared = 0;
    for (const sql of corpus) {
      const variant = withOtherLiterals(sql);
      if (variant !== sql && literalShape(variant) >= 0 && sameShape(variant, sql)) shared++;
      cache.classify(variant);
      if (JSON.stringify(cache.classify(sql)) !== JSON.stringify(classifyStatement(sql))) differences.push(sql);
    }
    expect(differences).toEqual([]);
    expect(shared).toBeGreaterThan(300);
  });
});

// Any text a client sends must get a class (unparsable → primary), never an exception on the proxy's hot path.

import { describe, expect, it } from 'vitest';
import { classifyStatement } from '../../../proxy/router/classify-statement.ts';

const PIECES = [
  'SELECT', 'WITH', 'AS', '(', ')', ',', ';', 'INSERT', 'INTO', 'UPDATE', 'SET', 'DELETE', 'FROM', 'PREPARE', 'EXECUTE',
  'EXPLAIN', 'ANALYZE', 'COPY', 'TO', 'STDOUT', 'BEGIN', 'COMMIT', 'ROLLBACK', 'SAVEPOINT', 'DEALLOCATE', 'DISCARD',
  'CREATE', 'TEMP', 'TABLE', 'FOR', 'UPDATE', 'JOIN', 'USING', 'ON', 'TABLE', 'VALUES', 'RESET', 'SHOW', 'START',
  'TRANSACTION', 'ISOLATION', 'LEVEL', 'SERIALIZABLE', 'READ', 'ONLY', 'x', '"q"', "'s'", '$1', '$$d$$', '1', '.',
  '::', '*', '=', '/* c */', '-- c\n', "E'\\''", 'ROWS', 'LATERAL', 'RECURSIVE', 'MERGE', 'DO', 'CALL', 'f(', 'u&"x"',
];

function seeded(seed: number): () => number {
  let state = seed;
  return () => {
    state = (state * 1103515245 + 12345) % 2147483648;
    return state / 2147483648;
  };
}

describe('classifier robustness', () => {
  it('classifies 20 000 random token soups without throwing', () => {
    const random = seeded(7);
    const failures: string[] = [];
    for (let n = 0; n < 20_000; n++) {
      const length = 1 + Math.floor(random() * 12);
      const sql = Array.from({ length }, () => PIECES[Math.floor(random() * PIECES.length)]).join(' ');
      try {
        const cls = classifyStatement(sql);
        if (typeof cls.rule !== 'number') failures.push(`${JSON.stringify(sql)}: no rule`);
      } catch (error) {
        failures.push(`${JSON.stringify(sql)}: ${(error as Error).message}`);
      }
    }
    expect(failures.slice(0, 10)).toEqual([]);
  });

  it.each(['PREPARE p AS', 'PREPARE', 'EXECUTE', 'DEALLOCATE', 'EXPLAIN', 'COPY', 'COPY (', 'SET', 'BEGIN ISOLATION LEVEL', ';;;', ''])(
    '%j gets a class',
    (sql) => {
      expect(classifyStatement(sql).rule).toBeGreaterThan(0);
    },
  );
});

// Rules 10–14 as whole sessions: one sequence per disableLoadBalanceOnWrite mode, with ReadyForQuery answers from
// the node each statement went to, as the proxy would feed them.

import { describe, expect, it } from 'vitest';
import { harness, where, type Harness } from './router-fixtures.ts';

/** Runs statements, answering each with ReadyForQuery, and returns [node, rule] per statement. */
function run(h: Harness, statements: string[]): Array<[string | undefined, number]> {
  return statements.map((sql) => {
    const decision = h.route(sql);
    const ends = decision.transaction === 'end';
    h.ready(ends || !h.session.inTransaction ? 'I' : 'T', decision.nodeId);
    return where(decision);
  });
}

// Two transactions of one session, and where each statement goes (node:rule) under each mode, in the column order
// transaction, trans_transaction, always, off.
const TWO_TRANSACTIONS: Array<[string, string, string, string, string]> = [
  ['BEGIN', 'p:10', 'p:10', 'p:10', 'p:10'],
  ['SELECT * FROM accounts', 's1:10', 's1:10', 's1:10', 's1:10'],
  ['UPDATE accounts SET balance = 0 WHERE id = 1', 'p:1', 'p:1', 'p:1', 'p:1'],
  ['SELECT * FROM accounts', 'p:10', 'p:10', 'p:14', 's1:14'],
  ['SELECT * FROM branches', 'p:10', 'p:10', 'p:14', 's1:14'],
  ['COMMIT', 'p:10', 'p:10', 'p:10', 'p:10'],
  ['BEGIN', 'p:10', 'p:10', 'p:10', 'p:10'],
  ['SELECT * FROM branches', 's1:10', 'p:14', 'p:14', 's1:10'],
  ['COMMIT', 'p:10', 'p:10', 'p:10', 'p:10'],
  ['SELECT * FROM accounts', 's1:4', 's1:4', 'p:14', 's1:4'],
];

const MODES = ['transaction', 'trans_transaction', 'always', 'off'] as const;

describe('disableLoadBalanceOnWrite', () => {
  it.each(MODES.map((mode, column) => [mode, column + 1] as const))(
    '%s: each statement of two transactions goes where the mode says',
    (mode, column) => {
      const routed = run(harness({ disableLoadBalanceOnWrite: mode }), TWO_TRANSACTIONS.map((row) => row[0]));
      expect(routed.map(([nodeId, rule]) => `${nodeId}:${rule}`)).toEqual(TWO_TRANSACTIONS.map((row) => row[column]));
    },
  );

  it('always: even an autocommit SET pins the session', () => {
    const h = harness({ disableLoadBalanceOnWrite: 'always' });
    expect(run(h, ['SELECT 1', "SET application_name = 'x'", 'SELECT 1'])).toEqual([
      ['s1', 4],
      ['p', 8],
      ['p', 14],
    ]);
  });

  it('dml_adaptive: only reads of written tables (and declared dependents) go to the primary', () => {
    const h = harness({
      disableLoadBalanceOnWrite: 'dml_adaptive',
      dmlAdaptiveDependencies: { accounts: ['account_summary'] },
    });
    expect(
      run(h, [
        'BEGIN',
        'UPDATE public.accounts SET balance = 0 WHERE id = 1',
        'SELECT * FROM accounts',
        'SELECT * FROM account_summary',
        'SELECT * FROM branches',
        'SELECT * FROM branches b JOIN accounts a ON a.bid = b.bid',
        'COMMIT',
        'BEGIN',
        'SELECT * FROM accounts',
        'COMMIT',
      ]),
    ).toEqual([
      ['p', 10],
      ['p', 1],
      ['p', 14],
      ['p', 14],
      ['s1', 14],
      ['p', 14],
      ['p', 10],
      ['p', 10],
      ['s1', 10],
      ['p', 10],
    ]);
  });
});

describe('transaction state from the server', () => {
  it('ReadyForQuery T opens a transaction the router did not see begin (e.g. inside a function)', () => {
    const h = harness();
    h.route("SELECT 1");
    h.ready('T', 'p');
    expect(h.session.inTransaction).toBe(true);
    h.route('INSERT INTO t VALUES (1)');
    expect(where(h.route('SELECT 1'))).toEqual(['p', 10]);
    h.ready('I', 'p');
    expect(where(h.route('SELECT 1'))).toEqual(['s1', 4]);
  });

  it('a rolled-back savepoint keeps the transaction on the primary', () => {
    const h = harness();
    expect(run(h, ['BEGIN', 'SAVEPOINT a', 'SELECT 1', 'ROLLBACK TO SAVEPOINT a', 'SELECT 1', 'COMMIT'])).toEqual([
      ['p', 10],
      ['p', 11],
      ['p', 10],
      ['p', 11],
      ['p', 10],
      ['p', 10],
    ]);
  });

  it('COMMIT AND CHAIN keeps a transaction open with fresh write state', () => {
    const h = harness();
    run(h, ['BEGIN', 'INSERT INTO t VALUES (1)']);
    h.route('COMMIT AND CHAIN');
    expect(h.session.inTransaction).toBe(true);
    expect(h.session.transactionWrote).toBe(false);
    expect(where(h.route('SELECT 1'))).toEqual(['s1', 10]);
  });

  it('a multi-statement query that commits ends the transaction on every node holding it', () => {
    const h = harness();
    run(h, ['BEGIN', 'SELECT 1']);
    const decision = h.route('UPDATE t SET a = 1; COMMIT');
    expect(decision).toMatchObject({ nodeId: 'p', rule: 6, transaction: 'end', alsoNodes: ['s1'], endOthersWith: 'COMMIT' });
    expect(decision.write).toBe(true);
    expect(h.session.inTransaction).toBe(false);
  });

  it('a multi-statement transaction in one Query is replayed from the server answer', () => {
    const h = harness();
    expect(where(h.route('BEGIN; INSERT INTO t VALUES (1)'))).toEqual(['p', 6]);
    h.ready('T', 'p');
    expect(where(h.route('SELECT 1'))).toEqual(['p', 10]);
  });
});

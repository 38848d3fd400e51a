// One describe per rule of docs/routing.md: concrete statements, expected destination node and rule number.
// In the default cluster the primary 'p' takes no reads and random() = 0 makes 's1' the load-balance node.

import { describe, expect, it } from 'vitest';
import type { Volatility } from '../../../proxy/router/function-volatility.ts';
import { cluster, harness, node, where } from './router-fixtures.ts';

function routes(sql: string, config = {}, options = {}) {
  return where(harness(config, options).route(sql));
}

describe('rule 1: anything not provably read-only goes to the primary', () => {
  it.each([
    'INSERT INTO t VALUES (1)',
    'UPDATE t SET a = 1',
    'DELETE FROM t',
    'MERGE INTO t USING s ON t.id = s.id WHEN MATCHED THEN DELETE',
    'CREATE TABLE t (a int)',
    'ALTER TABLE t ADD COLUMN b int',
    'DROP TABLE t',
    'TRUNCATE t',
    'VACUUM t',
    'ANALYZE t',
    "COMMENT ON TABLE t IS 'x'",
    'GRANT SELECT ON t TO bob',
    'COPY t FROM STDIN',
    'COPY (DELETE FROM t RETURNING *) TO STDOUT',
    "COPY t TO '/tmp/t.csv'",
    'LISTEN ch',
    "NOTIFY ch, 'x'",
    'UNLISTEN *',
    'DECLARE c CURSOR FOR SELECT 1',
    'FETCH 10 FROM c',
    'CLOSE c',
    "PREPARE TRANSACTION 'x'",
    "COMMIT PREPARED 'x'",
    "ROLLBACK PREPARED 'x'",
    'LOCK TABLE t IN ACCESS SHARE MODE',
    'CALL p()',
    "DO $$ BEGIN PERFORM 1; END $$",
    'FROBNICATE everything',
    "SELECT 'unterminated",
    'SELECT /* unterminated comment',
  ])('%s → primary', (sql) => {
    expect(routes(sql)).toEqual(['p', 1]);
  });
});

describe('rule 2: SELECTs that must run on the primary', () => {
  it.each([
    'SELECT * INTO new_t FROM t',
    'SELECT * FROM t FOR UPDATE',
    'SELECT * FROM t FOR NO KEY UPDATE',
    'SELECT * FROM t FOR SHARE',
    'SELECT * FROM t FOR KEY SHARE SKIP LOCKED',
    'WITH x AS (INSERT INTO t VALUES (1) RETURNING *) SELECT * FROM x',
    'WITH x AS (UPDATE t SET a = 1 RETURNING *) SELECT count(*) FROM x',
    'SELECT * FROM pg_stat_activity',
    'SELECT * FROM pg_catalog.pg_stat_replication',
    'SELECT * FROM pg_locks',
    'SELECT * FROM pg_replication_slots',
    'SELECT * FROM pg_prepared_xacts',
    'SELECT * FROM pg_statio_user_tables',
    'SELECT * FROM pg_temp.scratch',
  ])('%s → primary', (sql) => {
    expect(routes(sql)).toEqual(['p', 2]);
  });

  it('reads of a temp table created in this session go to the primary', () => {
    const h = harness();
    expect(where(h.route('CREATE TEMP TABLE scratch (a int)'))).toEqual(['p', 1]);
    expect(where(h.route('SELECT * FROM scratch'))).toEqual(['p', 2]);
    expect(where(h.route('SELECT * FROM t'))).toEqual(['s1', 4]);
    h.route('DISCARD ALL');
    expect(where(h.route('SELECT * FROM scratch'))).toEqual(['s1', 4]);
  });

  it('SELECT INTO TEMP creates a session temp table too', () => {
    const h = harness();
    h.route('SELECT * INTO TEMP TABLE picked FROM t');
    expect(where(h.route('SELECT * FROM picked'))).toEqual(['p', 2]);
  });

  it('reads of an unlogged table go to the primary, whichever session created it', () => {
    const h = harness();
    h.route('CREATE UNLOGGED TABLE fast (a int)');
    const other = h.router.decide(new (h.session.constructor as typeof import('../../../proxy/router/session-route-state.ts').SessionRouteState)(), h.backends, {
      message: 'query',
      sql: 'SELECT * FROM fast',
    });
    expect(where(other)).toEqual(['p', 2]);
  });

  it('ordinary catalog reads are balanced (differs from Pgpool-II)', () => {
    expect(routes('SELECT relname FROM pg_class JOIN pg_namespace n ON n.oid = relnamespace')).toEqual(['s1', 4]);
    expect(routes('SELECT * FROM information_schema.tables')).toEqual(['s1', 4]);
  });
});

describe('rule 3: function volatility', () => {
  it.each([
    "SELECT nextval('s')",
    "SELECT setval('s', 1)",
    'SELECT random()',
    'SELECT pg_sleep(1)',
    'SELECT lo_create(0)',
    'SELECT pg_advisory_lock(1)',
    'SELECT * FROM t WHERE id = pg_catalog.nextval($1)',
  ])('%s → primary', (sql) => {
    expect(routes(sql)).toEqual(['p', 3]);
  });

  it.each(['SELECT now()', 'SELECT count(*) FROM t', 'SELECT coalesce(a, 0) FROM t'])('%s → balanced', (sql) => {
    expect(routes(sql)).toEqual(['s1', 4]);
  });

  it('readOnlyFunctions keep the catalog check for other functions (differs from Pgpool-II)', () => {
    const config = { readOnlyFunctions: ['my_reader'] };
    expect(routes('SELECT count(*) FROM t', config)).toEqual(['s1', 4]);
    expect(routes('SELECT my_reader(1)', config)).toEqual(['s1', 4]);
    expect(routes('SELECT other_fn(1)', config)).toEqual(['p', 3]);
  });

  it('writeFunctions beat a STABLE catalog entry; readOnlyFunctions beat VOLATILE', async () => {
    const catalog: Record<string, 'stable' | 'volatile'> = { audit_read: 'stable', cached_read: 'volatile' };
    const h = harness(
      { writeFunctions: ['audit_.*'], readOnlyFunctions: ['cached_.*'] },
      { functionLookup: async (name: string) => catalog[name] ?? 'unknown' },
    );
    await h.router.functions.resolve(['audit_read', 'cached_read']);
    expect(where(h.route('SELECT audit_read()'))).toEqual(['p', 3]);
    expect(where(h.route('SELECT cached_read()'))).toEqual(['s1', 4]);
  });

  it('an unknown function goes to the primary until pg_proc says it is STABLE', async () => {
    let lookups = 0;
    const h = harness({}, { functionLookup: async () => (lookups++, 'stable' as const) });
    expect(where(h.route('SELECT my_stable_fn(1)'))).toEqual(['p', 3]);
    await h.router.functions.resolve(['my_stable_fn']);
    expect(where(h.route('SELECT my_stable_fn(2)'))).toEqual(['s1', 4]);
    expect(lookups).toBe(1);
  });

  it('volatility is looked up per database: the same name may be STABLE in one and VOLATILE in another', async () => {
    const lookup = async (_name: string, database: string | undefined): Promise<Volatility> =>
      database === 'app' ? 'stable' : 'volatile';
    const app = harness({}, { functionLookup: lookup, identity: { database: 'app' } });
    const audit = harness({}, { functionLookup: lookup, identity: { database: 'audit' } });
    await app.router.functions.resolve(['f'], 'app');
    await audit.router.functions.resolve(['f'], 'audit');
    expect(where(app.route('SELECT f()'))).toEqual(['s1', 4]);
    expect(where(audit.route('SELECT f()'))).toEqual(['p', 3]);
  });

  it('a VOLATILE user function is a write', async () => {
    const h = harness({}, { functionLookup: async () => 'volatile' as const });
    await h.router.functions.resolve(['bump']);
    expect(where(h.route('SELECT bump()'))).toEqual(['p', 3]);
  });
});

describe('rule 4: read-only statements are balanced', () => {
  it.each([
    'SELECT * FROM t',
    'WITH x AS (SELECT 1) SELECT * FROM x',
    'TABLE t',
    'VALUES (1), (2)',
    '(SELECT 1) UNION (SELECT 2)',
    'SHOW search_path',
    'COPY t TO STDOUT',
    'COPY (SELECT * FROM t) TO STDOUT',
    'EXPLAIN SELECT * FROM t',
    'EXPLAIN ANALYZE SELECT * FROM t',
    'EXPLAIN (ANALYZE, BUFFERS) SELECT * FROM t',
  ])('%s → balanced', (sql) => {
    expect(routes(sql)).toEqual(['s1', 4]);
  });

  it.each(['EXPLAIN ANALYZE INSERT INTO t VALUES (1)', 'EXPLAIN (ANALYZE true) DELETE FROM t'])('%s → primary', (sql) => {
    expect(routes(sql)).toEqual(['p', 4]);
  });
});

describe('rule 5: comments never change the class, except routing hints', () => {
  it.each(['/* app:42 */ SELECT 1', '-- report\nSELECT 1', '   \n\t SELECT 1', '/* a /* nested */ comment */ SELECT 1'])(
    '%j → balanced',
    (sql) => {
      expect(routes(sql)).toEqual(['s1', 4]);
    },
  );

  it.each(['/*NO LOAD BALANCE*/ SELECT 1', '/* pgtopo:primary */ SELECT 1', '/* PGTOPO:PRIMARY */SELECT 1'])(
    '%s → primary',
    (sql) => {
      expect(routes(sql)).toEqual(['p', 5]);
    },
  );

  it('a hint that is not the leading comment is ignored', () => {
    expect(routes('SELECT 1 /*NO LOAD BALANCE*/')).toEqual(['s1', 4]);
  });
});

describe('rule 6: multi-statement simple queries', () => {
  it('lexes strings as the session does: with standard_conforming_strings off a backslash escapes a quote', () => {
    const sql = "SELECT 'a\\' , '; INSERT INTO t VALUES (1); --'";
    const h = harness();
    expect(where(h.route(sql))).toEqual(['s1', 4]);
    h.session.standardConformingStrings = false;
    expect(where(h.route(sql))).toEqual(['p', 6]);
  });

  it('all read-only → balanced', () => {
    expect(routes('SELECT 1; SELECT 2;')).toEqual(['s1', 6]);
  });
  it.each(['SELECT 1; INSERT INTO t VALUES (1)', 'BEGIN; SELECT 1', 'SELECT 1; COMMIT', "SELECT 1; SET x = 'y'"])(
    '%s → primary',
    (sql) => {
      expect(routes(sql)).toEqual(['p', 6]);
    },
  );
});

describe('rule 7: primaryRoutingPatterns', () => {
  it('a matching statement goes to the primary, case-insensitively', () => {
    const config = { primaryRoutingPatterns: ['from\\s+orders\\b'] };
    expect(routes('select * FROM Orders where id = 1', config)).toEqual(['p', 7]);
    expect(routes('select * from order_lines', config)).toEqual(['s1', 4]);
  });
});

describe('rule 8: session state', () => {
  it.each(["SET search_path = app", 'RESET ALL', 'DISCARD ALL', 'DEALLOCATE ALL'])(
    '%s changes session state',
    (sql) => {
      const decision = harness().route(sql);
      expect(where(decision)).toEqual(['p', 8]);
      expect(decision.changesSessionState).toBe(true);
    },
  );
  it('SET SESSION CHARACTERISTICS changes session state', () => {
    const decision = harness().route('SET SESSION CHARACTERISTICS AS TRANSACTION ISOLATION LEVEL READ COMMITTED');
    expect(where(decision)).toEqual(['p', 8]);
    expect(decision.changesSessionState).toBe(true);
  });
});

describe('rule 9: SERIALIZABLE runs on the primary', () => {
  it('BEGIN ISOLATION LEVEL SERIALIZABLE pins the transaction', () => {
    const h = harness();
    expect(where(h.route('BEGIN ISOLATION LEVEL SERIALIZABLE'))).toEqual(['p', 9]);
    expect(where(h.route('SELECT 1'))).toEqual(['p', 9]);
    h.route('COMMIT');
    expect(where(h.route('SELECT 1'))).toEqual(['s1', 4]);
  });

  it('SET TRANSACTION ISOLATION LEVEL SERIALIZABLE pins the rest of the transaction', () => {
    const h = harness();
    h.route('BEGIN');
    expect(where(h.route('SET TRANSACTION ISOLATION LEVEL SERIALIZABLE'))).toEqual(['p', 9]);
    expect(where(h.route('SELECT 1'))).toEqual(['p', 9]);
  });

  it.each([
    'SET SESSION CHARACTERISTICS AS TRANSACTION ISOLATION LEVEL SERIALIZABLE',
    "SET default_transaction_isolation = 'serializable'",
    'SET default_transaction_isolation TO serializable',
  ])('a session default (%s) pins autocommit reads too (differs from Pgpool-II)', (setting) => {
    const h = harness();
    expect(where(h.route(setting))).toEqual(['p', 9]);
    expect(where(h.route('SELECT 1'))).toEqual(['p', 9]);
    h.route('RESET ALL');
    expect(where(h.route('SELECT 1'))).toEqual(['s1', 4]);
  });

  it('DISCARD ALL resets a SERIALIZABLE session default', () => {
    const h = harness();
    h.route("SET default_transaction_isolation = 'serializable'");
    h.route('DISCARD ALL');
    expect(where(h.route('SELECT 1'))).toEqual(['s1', 4]);
  });

  it('REPEATABLE READ transactions are balanced', () => {
    const h = harness();
    h.route('BEGIN ISOLATION LEVEL REPEATABLE READ');
    expect(where(h.route('SELECT 1'))).toEqual(['s1', 10]);
  });
});

describe('rule 10: reads in a transaction are balanced until its first write', () => {
  it('reads, write, reads', () => {
    const h = harness();
    expect(where(h.route('BEGIN'))).toEqual(['p', 10]);
    const first = h.route('SELECT * FROM t');
    expect(where(first)).toEqual(['s1', 10]);
    expect(first.beginFirst).toBe('BEGIN');
    expect(where(h.route('SELECT * FROM t'))).toEqual(['s1', 10]);
    expect(where(h.route('UPDATE t SET a = 1'))).toEqual(['p', 1]);
    expect(where(h.route('SELECT * FROM t'))).toEqual(['p', 10]);
    const commit = h.route('COMMIT');
    expect(commit.transaction).toBe('end');
    expect([commit.nodeId, ...(commit.alsoNodes ?? [])].sort()).toEqual(['p', 's1']);
    expect(where(h.route('SELECT * FROM t'))).toEqual(['s1', 4]);
  });
});

describe('rule 10: the transaction follows its reads to the standby', () => {
  it('a later node gets a BEGIN with the transaction modes, not the client text', () => {
    const h = harness();
    h.route('BEGIN ISOLATION LEVEL REPEATABLE READ; SELECT 1');
    h.ready('T', 'p');
    expect(h.route('SELECT 2').beginFirst).toBe('BEGIN ISOLATION LEVEL REPEATABLE READ');
    expect(h.route('SELECT 3').beginFirst).toBeUndefined();
  });

  it('an extended-protocol Parse in a transaction opens it on its node before the Parse', () => {
    const h = harness();
    const { router, session, backends } = h;
    h.route('BEGIN');
    const parse = router.decide(session, backends, { message: 'parse', statementName: '', sql: 'SELECT 1' });
    expect(parse).toMatchObject({ nodeId: 's1', beginFirst: 'BEGIN', write: false });
    expect(router.decide(session, backends, { message: 'bind', statementName: '', portalName: '' }).beginFirst).toBeUndefined();
  });
});

describe('rule 11: what counts as a write in a transaction', () => {
  it.each([
    ["SET work_mem = '64MB'", 8],
    ["SET LOCAL work_mem = '64MB'", 11],
    ['SAVEPOINT a', 11],
    ['LOCK t', 1],
    ['DECLARE c CURSOR FOR SELECT 1', 1],
    ['SELECT * FROM t FOR UPDATE', 2],
    ["SELECT nextval('s')", 3],
  ] as const)('%s is a write', (statement, rule) => {
    const h = harness();
    h.route('BEGIN');
    const decision = h.route(statement);
    expect(where(decision)).toEqual(['p', rule]);
    expect(decision.write).toBe(true);
    expect(where(h.route('SELECT 1'))).toEqual(['p', 10]);
  });

  it.each(['SHOW work_mem', 'SET TRANSACTION READ ONLY'])('%s is not a write', (statement) => {
    const h = harness();
    h.route('BEGIN');
    expect(h.route(statement).write).toBe(false);
    expect(h.route('SELECT 1').nodeId).toBe('s1');
  });
});

describe('rule 12: READ WRITE and READ ONLY transactions', () => {
  it('BEGIN READ WRITE alone is not a write', () => {
    const h = harness();
    expect(h.route('BEGIN READ WRITE').write).toBe(false);
    expect(where(h.route('SELECT 1'))).toEqual(['s1', 10]);
  });
  it('BEGIN READ ONLY is balanced throughout', () => {
    const h = harness();
    expect(where(h.route('BEGIN READ ONLY'))).toEqual(['s1', 12]);
    expect(where(h.route('SELECT 1'))).toEqual(['s1', 12]);
    expect(where(h.route('SELECT 2'))).toEqual(['s1', 12]);
  });
});

describe('rule 13: aborted transactions stay on the node holding them', () => {
  it('after an error on the standby, everything but the end goes there', () => {
    const h = harness();
    h.route('BEGIN');
    h.ready('T', 'p');
    h.route('SELECT 1/0');
    h.ready('E', 's1');
    expect(where(h.route('INSERT INTO t VALUES (1)'))).toEqual(['s1', 13]);
    expect(where(h.route('SELECT 1'))).toEqual(['s1', 13]);
    const rollback = h.route('ROLLBACK');
    expect(where(rollback)).toEqual(['s1', 13]);
    expect(rollback.alsoNodes).toEqual(['p']);
    h.ready('I', 's1');
    expect(where(h.route('SELECT 1'))).toEqual(['s1', 4]);
  });

  it('an error on the primary keeps later reads on the primary', () => {
    const h = harness();
    h.route('BEGIN');
    h.route('INSERT INTO t VALUES (1)');
    h.ready('E', 'p');
    expect(where(h.route('SELECT 1'))).toEqual(['p', 13]);
  });
});

describe('rule 14: disableLoadBalanceOnWrite', () => {
  it('covered mode by mode in session-sequences.test.ts; off balances after a write', () => {
    const h = harness({ disableLoadBalanceOnWrite: 'off' });
    h.route('BEGIN');
    h.route('INSERT INTO t VALUES (1)');
    expect(where(h.route('SELECT * FROM t'))).toEqual(['s1', 14]);
  });
});

describe('rule 15: extended protocol', () => {
  it('Parse is classified like Query; Bind/Execute follow the named statement', () => {
    const h = harness();
    const { router, session, backends } = h;
    expect(router.decide(session, backends, { message: 'parse', statementName: 'q', sql: 'SELECT * FROM t WHERE id = $1' }).nodeId).toBe('s1');
    expect(where(router.decide(session, backends, { message: 'bind', statementName: 'q', portalName: '' }))).toEqual(['s1', 15]);
    expect(router.decide(session, backends, { message: 'execute', portalName: '' }).nodeId).toBe('s1');
    router.decide(session, backends, { message: 'parse', statementName: 'w', sql: 'UPDATE t SET a = $1' });
    expect(where(router.decide(session, backends, { message: 'bind', statementName: 'w', portalName: '' }))).toEqual(['p', 15]);
  });

  it('a statement parsed on a standby is prepared on the primary once the transaction has written', () => {
    const h = harness();
    const { router, session, backends } = h;
    h.route('BEGIN');
    router.decide(session, backends, { message: 'parse', statementName: 'q', sql: 'SELECT * FROM t WHERE id = $1' });
    expect(router.decide(session, backends, { message: 'bind', statementName: 'q', portalName: '' }).prepareFirst).toBeUndefined();
    h.route('UPDATE t SET a = 1');
    const bind = router.decide(session, backends, { message: 'bind', statementName: 'q', portalName: 'c1' });
    expect(where(bind)).toEqual(['p', 10]);
    expect(bind.prepareFirst).toEqual({ protocol: 'extended', statementName: 'q', sql: 'SELECT * FROM t WHERE id = $1' });
    expect(router.decide(session, backends, { message: 'execute', portalName: 'c1' }).nodeId).toBe('p');
    expect(router.decide(session, backends, { message: 'bind', statementName: 'q', portalName: '' }).prepareFirst).toBeUndefined();
  });

  it('Close of a statement goes to every node that has it', () => {
    const h = harness();
    const { router, session, backends } = h;
    h.route('BEGIN');
    router.decide(session, backends, { message: 'parse', statementName: 'q', sql: 'SELECT 1' });
    h.route('INSERT INTO t VALUES (1)');
    router.decide(session, backends, { message: 'bind', statementName: 'q', portalName: '' });
    const close = router.decide(session, backends, { message: 'close', target: 'statement', name: 'q' });
    expect([close.nodeId, ...(close.alsoNodes ?? [])].sort()).toEqual(['p', 's1']);
  });
});

describe('rule 16: SQL PREPARE / EXECUTE / DEALLOCATE', () => {
  it('EXECUTE follows the prepared statement and re-prepares where needed', () => {
    const h = harness();
    expect(where(h.route('PREPARE r(int) AS SELECT * FROM t WHERE id = $1'))).toEqual(['s1', 16]);
    expect(where(h.route('PREPARE w AS INSERT INTO t VALUES (1)'))).toEqual(['p', 16]);
    expect(where(h.route('EXECUTE r(1)'))).toEqual(['s1', 16]);
    expect(where(h.route('EXECUTE w'))).toEqual(['p', 16]);
    h.route('BEGIN');
    h.route('EXECUTE w');
    const read = h.route('EXECUTE r(2)');
    expect(where(read)).toEqual(['p', 10]);
    expect(read.prepareFirst).toEqual({ protocol: 'sql', statementName: 'r', sql: 'PREPARE r(int) AS SELECT * FROM t WHERE id = $1' });
    h.route('COMMIT');
    const deallocate = h.route('DEALLOCATE r');
    expect(deallocate.rule).toBe(16);
    expect([deallocate.nodeId, ...(deallocate.alsoNodes ?? [])].sort()).toEqual(['p', 's1']);
  });
});

describe('rule 17: load-balance node by weight', () => {
  it('a weight of 0 never gets reads; the node is kept for the session', () => {
    const backends = cluster({ s1: { weight: 0 } });
    const h = harness({}, { backends, random: () => 0 });
    expect(where(h.route('SELECT 1'))).toEqual(['s2', 4]);
    expect(h.session.balancedNodeId).toBe('s2');
  });
  it('statementLevelLoadBalance re-chooses per statement', () => {
    const values = [0.1, 0.9];
    let i = 0;
    const h = harness({ statementLevelLoadBalance: true }, { random: () => values[i++ % 2] });
    expect(h.route('SELECT 1').nodeId).toBe('s1');
    expect(h.route('SELECT 1').nodeId).toBe('s2');
  });
  it('statementLevelLoadBalance keeps the node inside a transaction', () => {
    const values = [0.1, 0.9];
    let i = 0;
    const h = harness({ statementLevelLoadBalance: true }, { random: () => values[i++ % 2] });
    h.route('BEGIN');
    expect(h.route('SELECT 1').nodeId).toBe('s1');
    expect(h.route('SELECT 1').nodeId).toBe('s1');
  });

  it('load balancing off sends reads to the primary', () => {
    expect(routes('SELECT 1', { loadBalancing: false })).toEqual(['p', 17]);
  });
});

describe('rule 18: redirect preferences', () => {
  it('application name beats database beats user', () => {
    const config = {
      redirectPreferences: {
        applicationName: [{ pattern: 'batch.*', target: 's2' }],
        database: [{ pattern: 'reports', target: 'primary' }],
        user: [{ pattern: '.*', target: 'standby' }],
      },
    };
    expect(routes('SELECT 1', config, { identity: { applicationName: 'batch-7', database: 'reports' } })).toEqual(['s2', 18]);
    expect(routes('SELECT 1', config, { identity: { applicationName: 'web', database: 'reports' } })).toEqual(['p', 18]);
    expect(routes('SELECT 1', config, { identity: { database: 'app', user: 'bob' } })).toEqual(['s1', 18]);
  });

  it('a probability below 1 sends only that share of sessions to the preferred node', () => {
    const config = {
      redirectPreferences: { applicationName: [{ pattern: 'web', target: 's2', probability: 0.25 }], database: [], user: [] },
    };
    const identity = { applicationName: 'web' };
    expect(routes('SELECT 1', config, { identity, random: () => 0.2 })).toEqual(['s2', 18]);
    expect(routes('SELECT 1', config, { identity, random: () => 0.3 })).toEqual(['s1', 4]);
  });
});

describe('rule 19: replication lag', () => {
  it('a standby over delayThreshold gets no reads', () => {
    const backends = cluster({ s1: { lagBytes: 10_000 }, s2: { lagBytes: 100 } });
    const h = harness({ delayThreshold: 1000 }, { backends });
    expect(where(h.route('SELECT 1'))).toEqual(['s2', 4]);
  });

  it("when the session's node starts lagging its reads go to the primary, and come back when it catches up", () => {
    const h = harness({ delayThresholdByTime: 500 });
    expect(h.route('SELECT 1').nodeId).toBe('s1');
    h.backends.nodes[1].lagMs = 2000;
    expect(where(h.route('SELECT 1'))).toEqual(['p', 19]);
    h.backends.nodes[1].lagMs = 10;
    expect(where(h.route('SELECT 1'))).toEqual(['s1', 4]);
  });

  it('preferLowerDelayStandby sends them to the least-lagging eligible standby instead', () => {
    const h = harness({ delayThreshold: 1000, preferLowerDelayStandby: true });
    expect(h.route('SELECT 1').nodeId).toBe('s1');
    h.backends.nodes[1].lagBytes = 50_000;
    h.backends.nodes[2].lagBytes = 20;
    expect(where(h.route('SELECT 1'))).toEqual(['s2', 19]);
  });
});

describe('rule 20: down, quarantined and failed nodes', () => {
  it('no eligible standby → primary', () => {
    const backends = cluster({ s1: { status: 'down' }, s2: { status: 'quarantined' } });
    expect(routes('SELECT 1', {}, { backends })).toEqual(['p', 20]);
  });

  it('a session whose node goes down moves to another eligible node', () => {
    const h = harness();
    expect(h.route('SELECT 1').nodeId).toBe('s1');
    h.backends.nodes[1].status = 'down';
    expect(where(h.route('SELECT 1'))).toEqual(['s2', 4]);
  });

  it('an unreachable managed replica endpoint falls back to the writer instead of failing', () => {
    const backends = {
      nodes: [
        node('writer', { role: 'unknown', alwaysPrimary: true, noFailover: true, weight: 0 }),
        node('reader', { noFailover: true, status: 'down' }),
      ],
    };
    expect(routes('SELECT 1', {}, { backends })).toEqual(['writer', 20]);
  });
});

describe('rule 21: which node is the primary', () => {
  it('always-primary needs no detection', () => {
    const backends = { nodes: [node('writer', { role: 'unknown', alwaysPrimary: true, weight: 0 }), node('reader')] };
    expect(routes('INSERT INTO t VALUES (1)', {}, { backends })).toEqual(['writer', 1]);
    expect(routes('SELECT 1', {}, { backends })).toEqual(['reader', 4]);
  });
  it('two claimants: the confirmed one is the primary, the other a false primary', () => {
    const backends = { ...cluster({ s2: { role: 'primary' } }), confirmedPrimaryId: 'p' };
    const decision = harness({}, { backends }).route('INSERT INTO t VALUES (1)');
    expect(where(decision)).toEqual(['p', 1]);
    expect(decision.falsePrimaries).toEqual(['s2']);
  });
  it('two claimants and none confirmed: never guess', () => {
    const decision = harness({}, { backends: cluster({ s2: { role: 'primary' } }) }).route('INSERT INTO t VALUES (1)');
    expect(decision.nodeId).toBeUndefined();
    expect(decision.reason).toMatch(/several nodes claim primary/);
  });
});

describe('rule 22: SHOW ROUTE FOR', () => {
  // The admin console's SHOW ROUTE FOR runs router.explain (router-chooser.test.ts, admin-and-lifecycle.test.ts).
  it('explains without running or recording', () => {
    const h = harness();
    h.route('BEGIN');
    expect(h.router.explain(h.session, h.backends, 'UPDATE t SET a = 1')).toMatchObject({ target: 'primary', nodeId: 'p', rule: 1 });
    expect(h.session.transactionWrote).toBe(false);
    expect(where(h.router.explain(h.session, h.backends, 'SELECT 1'))).toEqual(['s1', 10]);
  });
});

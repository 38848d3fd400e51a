// The router against a real primary + hot standby: every statement it balances must run on the standby, and every
// read-looking statement it keeps on the primary must be one the standby refuses. The catalog lookups behind rules 2
// and 3 run the exported queries against the real pg_proc and pg_class.

import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { VOLATILITY_QUERY, volatilityFromCatalog } from '../../../proxy/router/function-volatility.ts';
import { PERSISTENCE_QUERY, persistenceFromCatalog } from '../../../proxy/router/relation-persistence.ts';
import { QueryRouter } from '../../../proxy/router/route-decision.ts';
import { defaultRouterConfig } from '../../../proxy/router/router-config.ts';
import { SessionRouteState } from '../../../proxy/router/session-route-state.ts';
import { eventually, startPgCluster, type PgCluster } from '../../support/pg-cluster.ts';
import { node } from './router-fixtures.ts';

let cluster: PgCluster;
let catalog: pg.Client;
let router: QueryRouter;
const backends = { nodes: [node('p', { role: 'primary', weight: 0 }), node('s')] };

const SCHEMA = `
  CREATE TABLE t (id int PRIMARY KEY, a int, data jsonb);
  INSERT INTO t SELECT i, i, jsonb_build_object('k', i) FROM generate_series(1, 10) i;
  CREATE UNLOGGED TABLE fast (a int);
  CREATE UNLOGGED TABLE "Fast Mixed" (a int);
  CREATE SEQUENCE seq;
  CREATE FUNCTION stable_fn() RETURNS int STABLE LANGUAGE sql AS 'SELECT count(*)::int FROM t';
  CREATE FUNCTION volatile_fn() RETURNS int VOLATILE LANGUAGE sql AS 'INSERT INTO t VALUES (1000, 0) RETURNING id';
`;

beforeAll(async () => {
  cluster = await startPgCluster({ standbys: 1 });
  catalog = new pg.Client({ connectionString: cluster.connectionString(cluster.primary) });
  await catalog.connect();
  await catalog.query(SCHEMA);
  await eventually(
    'the schema on the standby',
    () => cluster.query(cluster.standbys[0], "SELECT 1 FROM pg_proc WHERE proname = 'volatile_fn'"),
    (rows) => rows.length === 1,
  );
  router = new QueryRouter(defaultRouterConfig(), {
    functionLookup: async (name) =>
      volatilityFromCatalog((await catalog.query(VOLATILITY_QUERY, [name])).rows[0]?.volatility),
    relationLookup: async (name) =>
      persistenceFromCatalog((await catalog.query(PERSISTENCE_QUERY, [name])).rows[0]?.relpersistence),
  });
});

afterAll(async () => {
  await catalog?.end();
  await cluster?.stop();
});

/** Routes like a proxy that awaits catalog lookups before routing (the alternative to routing unknowns to the primary). */
async function routeAwaitingCatalog(sql: string) {
  const cls = router.cache.classify(sql);
  await router.functions.resolve(cls.functions);
  await router.relations.resolve(cls.tables);
  return router.decide(new SessionRouteState(), backends, { message: 'query', sql });
}

/** Runs the statements one Query each on a fresh standby connection: true, or the error message. */
async function runsOnStandby(...statements: string[]): Promise<true | string> {
  const client = new pg.Client({ connectionString: cluster.connectionString(cluster.standbys[0]) });
  await client.connect();
  try {
    for (const sql of statements) await client.query(sql);
    return true;
  } catch (error) {
    return (error as Error).message;
  } finally {
    await client.end();
  }
}

const BALANCED = [
  'SELECT * FROM t WHERE id = 1',
  'SELECT count(*), coalesce(max(a), 0) FROM t',
  "SELECT data->>'k' FROM t WHERE data @> '{\"k\": 1}'",
  'WITH x AS (SELECT id FROM t) SELECT * FROM x',
  'TABLE t',
  'VALUES (1), (2)',
  '(SELECT 1) UNION (SELECT 2)',
  'SHOW search_path',
  'EXPLAIN SELECT * FROM t',
  'EXPLAIN ANALYZE SELECT * FROM t',
  'SELECT stable_fn()',
  'SELECT now(), current_user, pg_typeof(1)',
  'SELECT relname FROM pg_class JOIN pg_namespace n ON n.oid = relnamespace LIMIT 1',
  'SELECT table_name FROM information_schema.tables LIMIT 1',
  'SELECT 1; SELECT 2',
  '/* app */ SELECT 1',
];

const PRIMARY_BECAUSE_STANDBY_REFUSES = [
  'SELECT * FROM t FOR UPDATE',
  'SELECT * FROM t FOR KEY SHARE',
  "SELECT nextval('seq')",
  'SELECT * FROM fast',
  'SELECT * FROM public."Fast Mixed"',
  'SELECT volatile_fn()',
  'SELECT * INTO t_copy FROM t',
  'WITH x AS (INSERT INTO t VALUES (100, 1) RETURNING *) SELECT * FROM x',
  'EXPLAIN ANALYZE INSERT INTO t VALUES (101, 1)',
  'INSERT INTO t VALUES (102, 1)',
  'CREATE TEMP TABLE scratch (a int)',
  'BEGIN ISOLATION LEVEL SERIALIZABLE; SELECT 1; COMMIT',
  'SELECT 1; UPDATE t SET a = a',
];

describe('routing against a real hot standby', () => {
  it.each(BALANCED)('balances %j, and the standby runs it', async (sql) => {
    const decision = await routeAwaitingCatalog(sql);
    expect(decision.nodeId).toBe('s');
    expect(await runsOnStandby(sql)).toBe(true);
  });

  it.each(PRIMARY_BECAUSE_STANDBY_REFUSES)('keeps %j on the primary, and the standby refuses it', async (sql) => {
    const decision = await routeAwaitingCatalog(sql);
    expect(decision.nodeId).toBe('p');
    expect(await runsOnStandby(sql)).toMatch(/read-only transaction|during recovery|hot standby/);
  });

  it('a SERIALIZABLE session default makes even autocommit SELECTs fail on the standby, so rule 9 pins them', async () => {
    const session = new SessionRouteState();
    const setting = 'SET SESSION CHARACTERISTICS AS TRANSACTION ISOLATION LEVEL SERIALIZABLE';
    router.decide(session, backends, { message: 'query', sql: setting });
    expect(router.decide(session, backends, { message: 'query', sql: 'SELECT 1' })).toMatchObject({ nodeId: 'p', rule: 9 });
    expect(await runsOnStandby(setting, 'SELECT 1')).toMatch(/serializable mode in a hot standby/);
  });

  it('the catalog queries answer what rules 2 and 3 need', async () => {
    const volatility = async (name: string) =>
      volatilityFromCatalog((await catalog.query(VOLATILITY_QUERY, [name])).rows[0]?.volatility);
    expect(await Promise.all(['stable_fn', 'volatile_fn', 'lower', 'no_such_fn'].map(volatility))).toEqual([
      'stable',
      'volatile',
      'immutable',
      'unknown',
    ]);
    const persistence = async (name: string) =>
      persistenceFromCatalog((await catalog.query(PERSISTENCE_QUERY, [name])).rows[0]?.relpersistence);
    expect(await Promise.all(['t', 'fast', 'public.fast', 'Fast Mixed', 'fast mixed', 'no_such_table'].map(persistence))).toEqual([
      'permanent',
      'unlogged',
      'unlogged',
      'unlogged',
      'unknown',
      'unknown',
    ]);
  });
});

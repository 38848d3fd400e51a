// The router behind the real proxy (transaction pooling) in front of a real primary + hot standby. `SHOW port`
// answers with the port of the node that ran it, so each assertion sees where a statement really went.

import { connect } from 'node:net';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { silentLogger } from '../../../proxy/log.ts';
import { RouterConfigError, routerConfigFrom } from '../../../proxy/router/router-config-document.ts';
import { routerChooser } from '../../../proxy/router/router-target-chooser.ts';
import { DatabaseError, parse, serialize } from 'pg-protocol';
import { DataRowMessage, type BackendMessage } from 'pg-protocol/dist/messages.js';
import { startProxy, type ProxyServer } from '../../../proxy/server.ts';
import { eventually, startPgCluster, type PgCluster } from '../../support/pg-cluster.ts';
import { proxyConfigFor } from '../proxy-fixture.ts';

let cluster: PgCluster;
let proxy: ProxyServer;
const clients: pg.Client[] = [];

async function client(options: Partial<pg.ClientConfig> = {}): Promise<pg.Client> {
  const c = new pg.Client({
    host: '127.0.0.1',
    port: proxy.port,
    user: 'postgres',
    password: cluster.password,
    database: 'postgres',
    ...options,
  });
  c.on('error', () => undefined);
  await c.connect();
  clients.push(c);
  return c;
}

/** No server connection of the proxy is left inside a transaction, on either node. */
async function expectNoOpenTransactions(): Promise<void> {
  const open = "SELECT count(*)::int AS n FROM pg_stat_activity WHERE state LIKE 'idle in transaction%' AND backend_type = 'client backend'";
  for (const node of [cluster.primary, cluster.standbys[0]]) {
    await eventually(`no open transaction on port ${node.port}`, () => cluster.query<{ n: number }>(node, open), (rows) => rows[0]?.n === 0);
  }
}

/** One extended-protocol batch: Parse, Bind and Execute of each unnamed statement, then one Sync. */
function batch(...statements: string[]): Buffer {
  return Buffer.concat([
    ...statements.flatMap((text) => [serialize.parse({ text }), serialize.bind(), serialize.execute()]),
    serialize.sync(),
  ]);
}

/**
 * Sends every request (a simple Query, or a batch) in one write without waiting for answers (pipelining, which
 * node-postgres never does) and returns, per request, the first column of its first row or its error's SQLSTATE.
 */
async function pipelined(requests: (string | Buffer)[]): Promise<string[]> {
  const socket = connect({ host: '127.0.0.1', port: proxy.port });
  const answers: string[] = [];
  let answer: string | undefined;
  let loggedIn = false;
  socket.on('connect', () => socket.write(serialize.startup({ user: 'postgres', database: 'postgres' })));
  await parse(socket, (message: BackendMessage) => {
    if (message instanceof DataRowMessage && answer === undefined) answer = String(message.fields[0]);
    if (message instanceof DatabaseError) answer = message.code;
    if (message.name !== 'readyForQuery') return;
    if (!loggedIn) {
      loggedIn = true;
      socket.write(Buffer.concat(requests.map((request) => (typeof request === 'string' ? serialize.query(request) : request))));
      return;
    }
    answers.push(answer ?? '');
    answer = undefined;
    if (answers.length === requests.length) socket.end();
  });
  return answers;
}

async function port(c: pg.Client): Promise<number> {
  return Number((await c.query<{ port: string }>('SHOW port')).rows[0].port);
}

beforeAll(async () => {
  cluster = await startPgCluster({ standbys: 1 });
  await cluster.query(
    cluster.primary,
    'CREATE TABLE t (id int PRIMARY KEY); ' +
      "CREATE FUNCTION stable_port() RETURNS text STABLE LANGUAGE sql AS $$SELECT current_setting('port')$$; " +
      "CREATE FUNCTION volatile_port() RETURNS text VOLATILE LANGUAGE sql AS $$SELECT current_setting('port')$$; " +
      'CREATE SEQUENCE seq',
  );
  await eventually(
    'the table on the standby',
    () => cluster.query(cluster.standbys[0], "SELECT 1 FROM pg_class WHERE relname = 'seq'"),
    (rows) => rows.length === 1,
  );
  proxy = await startRouterProxy({
    router: { disableLoadBalanceOnWrite: 'transaction', writeFunctions: ['audit_.*'] },
    // The test machine is shared and slow at times: waiting is not what is tested here.
    pool: { connectTimeoutMs: 30_000, queueTimeoutMs: 30_000 },
    // Trust lets the raw pipelining client below skip SCRAM; pg clients still send their password.
    hba: [{ type: 'host', database: 'all', user: 'all', address: '127.0.0.1/32', method: 'trust' }],
  });
});

/** A router-backed proxy whose sessions all read from the standby (the primary has weight 0). */
function startRouterProxy(overrides: Record<string, unknown>): Promise<ProxyServer> {
  const config = proxyConfigFor(cluster, {
    backends: [
      { name: 'primary', host: cluster.primary.host, port: cluster.primary.port, role: 'primary', weight: 0 },
      { name: 'standby1', host: cluster.standbys[0].host, port: cluster.standbys[0].port, role: 'standby', weight: 1 },
    ],
    ...overrides,
  });
  return startProxy({ config, log: silentLogger, chooser: routerChooser });
}

afterAll(async () => {
  await Promise.all(clients.map((c) => c.end().catch(() => undefined)));
  await proxy?.stop();
  await cluster?.stop();
});

describe('router-backed proxy', () => {
  it('balances autocommit reads to the standby and sends writes to the primary', async () => {
    const c = await client();
    expect(await port(c)).toBe(cluster.standbys[0].port);
    await c.query('INSERT INTO t VALUES (1)');
    expect((await c.query("SELECT nextval('seq') AS n")).rows).toEqual([{ n: '1' }]);
    expect(await port(c)).toBe(cluster.standbys[0].port);
  });

  it('runs a read-write transaction\'s reads on the standby until its first write, the rest on the primary', async () => {
    const c = await client();
    await c.query('BEGIN');
    expect(await port(c)).toBe(cluster.standbys[0].port);
    await c.query('INSERT INTO t VALUES (2)');
    expect(await port(c)).toBe(cluster.primary.port);
    expect((await c.query('SELECT count(*)::int AS n FROM t WHERE id = 2')).rows).toEqual([{ n: 1 }]);
    await c.query('COMMIT');
    expect(await cluster.query(cluster.primary, 'SELECT id FROM t WHERE id = 2')).toEqual([{ id: 2 }]);
    await c.query('BEGIN READ ONLY');
    expect(await port(c)).toBe(cluster.standbys[0].port);
    await c.query('COMMIT');
    await expectNoOpenTransactions();
  });

  it('keeps a transaction whose read failed on the standby aborted: the write after it gets 25P02', async () => {
    const c = await client();
    await c.query('BEGIN');
    await expect(c.query('SELECT 1 / 0')).rejects.toMatchObject({ code: '22012' });
    await expect(c.query('INSERT INTO t VALUES (4)')).rejects.toMatchObject({ code: '25P02' });
    await c.query('ROLLBACK');
    expect(await cluster.query(cluster.primary, 'SELECT id FROM t WHERE id = 4')).toEqual([]);
    await expectNoOpenTransactions();
  });

  it('rolls back the write of a split transaction on the primary', async () => {
    const c = await client();
    await c.query('BEGIN ISOLATION LEVEL REPEATABLE READ');
    expect(await port(c)).toBe(cluster.standbys[0].port);
    expect((await c.query('SHOW transaction_isolation')).rows).toEqual([{ transaction_isolation: 'repeatable read' }]);
    await c.query('INSERT INTO t VALUES (5)');
    expect((await c.query('SHOW transaction_isolation')).rows).toEqual([{ transaction_isolation: 'repeatable read' }]);
    await c.query('ROLLBACK');
    expect(await cluster.query(cluster.primary, 'SELECT id FROM t WHERE id = 5')).toEqual([]);
    await expectNoOpenTransactions();
  });

  it('splits extended-protocol transactions the same way, prepared statements included', async () => {
    const c = await client();
    const where = { name: 'where', text: "SELECT current_setting('port')::int AS port, $1::int AS x" };
    await c.query('BEGIN');
    expect((await c.query({ ...where, values: [1] })).rows).toEqual([{ port: cluster.standbys[0].port, x: 1 }]);
    await c.query({ text: 'INSERT INTO t VALUES ($1)', values: [6] });
    expect((await c.query({ ...where, values: [2] })).rows).toEqual([{ port: cluster.primary.port, x: 2 }]);
    await c.query('COMMIT');
    expect((await c.query({ ...where, values: [3] })).rows).toEqual([{ port: cluster.standbys[0].port, x: 3 }]);
  });

  it('holds pipelined requests of a transaction until each is answered, so none runs on the wrong node', async () => {
    const answers = await pipelined([
      'BEGIN', 'SHOW port', 'INSERT INTO t VALUES (8) RETURNING id', 'SHOW port', 'SELECT count(*) FROM t WHERE id = 8', 'COMMIT', 'SHOW port',
    ]);
    const [primary, standby] = [String(cluster.primary.port), String(cluster.standbys[0].port)];
    expect(answers).toEqual(['', standby, '8', primary, '1', '', standby]);
    await expectNoOpenTransactions();
  });

  it('sees the write in an extended-protocol batch that also begins the transaction, and runs a mixed batch on the primary', async () => {
    const answers = await pipelined([
      batch('BEGIN', 'INSERT INTO t VALUES (9)'),
      batch("SELECT current_setting('port')"),
      'COMMIT',
      'BEGIN',
      batch("SELECT current_setting('port')", 'INSERT INTO t VALUES (10) RETURNING id'),
      'COMMIT',
    ]);
    expect(answers).toEqual(['', String(cluster.primary.port), '', '', String(cluster.primary.port), '']);
    expect(await cluster.query(cluster.primary, 'SELECT id FROM t WHERE id IN (9, 10) ORDER BY id')).toEqual([{ id: 9 }, { id: 10 }]);
    await expectNoOpenTransactions();
  });

  it('routes each pipelined autocommit request on its own, so a write after a read still reaches the primary', async () => {
    const [primary, standby] = [String(cluster.primary.port), String(cluster.standbys[0].port)];
    const answers = await pipelined([
      'SHOW port', 'INSERT INTO t VALUES (13) RETURNING id', 'SHOW port', 'BEGIN', 'INSERT INTO t VALUES (14) RETURNING id', 'COMMIT',
      batch("SELECT current_setting('port')", 'INSERT INTO t VALUES (15) RETURNING id'),
    ]);
    expect(answers).toEqual([standby, '13', standby, '', '14', '', primary]);
    expect(await cluster.query(cluster.primary, 'SELECT id FROM t WHERE id IN (13, 14, 15) ORDER BY id')).toEqual([{ id: 13 }, { id: 14 }, { id: 15 }]);
  });

  it('runs a transaction\'s read on the primary it holds when the standby has no free server, instead of waiting', async () => {
    const small = await startRouterProxy({ pool: { size: 1, queueTimeoutMs: 500 } });
    try {
      const [reader, splitter] = [await client({ port: small.port }), await client({ port: small.port })];
      await reader.query('BEGIN READ ONLY');
      expect(await port(reader)).toBe(cluster.standbys[0].port); // the standby's only server is taken
      await splitter.query('BEGIN');
      expect(await port(splitter)).toBe(cluster.primary.port);
      await splitter.query('COMMIT');
      await reader.query('COMMIT');
      // With the standby's server free again, reads before the first write go there as usual.
      await splitter.query('BEGIN');
      expect(await port(splitter)).toBe(cluster.standbys[0].port);
      await splitter.query('COMMIT');
      await Promise.all([reader.end(), splitter.end()]);
    } finally {
      await small.stop();
    }
  });

  it('runs a transaction\'s read on the primary it holds when the proxy-wide server limit leaves no room on the standby', async () => {
    const limited = await startRouterProxy({
      // The standby's pool has room of its own, but the proxy may hold only the one server the transaction has.
      pool: { size: 2, maxServerConnections: 1, queueTimeoutMs: 500 },
    });
    try {
      const c = await client({ port: limited.port });
      await c.query('BEGIN'); // takes the proxy's only server, on the primary
      expect(await port(c)).toBe(cluster.primary.port); // waiting for a standby server would end in 53300
      await c.query('COMMIT');
      await c.end();
    } finally {
      await limited.stop();
    }
  });

  it('with disableLoadBalanceOnWrite=off goes back to the standby part of the transaction after a write', async () => {
    const stale = await startRouterProxy({ router: { disableLoadBalanceOnWrite: 'off' } });
    try {
      const c = await client({ port: stale.port });
      await c.query('BEGIN');
      expect(await port(c)).toBe(cluster.standbys[0].port);
      await c.query('INSERT INTO t VALUES (11)');
      expect(await port(c)).toBe(cluster.standbys[0].port);
      await c.query('INSERT INTO t VALUES (12)');
      await c.query('COMMIT');
      await c.end();
      expect(await cluster.query(cluster.primary, 'SELECT id FROM t WHERE id IN (11, 12) ORDER BY id')).toEqual([{ id: 11 }, { id: 12 }]);
      await expectNoOpenTransactions();
    } finally {
      await stale.stop();
    }
  });

  it('gives back every server of a split transaction when its client disconnects in the middle', async () => {
    const c = await client();
    await c.query('BEGIN');
    await port(c);
    await c.query('INSERT INTO t VALUES (7)');
    await c.end();
    await expectNoOpenTransactions();
    expect(await cluster.query(cluster.primary, 'SELECT id FROM t WHERE id = 7')).toEqual([]);
  });

  it('routes extended-protocol statements by their text', async () => {
    const c = await client();
    const read = await c.query({ text: "SELECT $1::int AS x, current_setting('port') AS port", values: [7] });
    expect(read.rows).toEqual([{ x: 7, port: String(cluster.standbys[0].port) }]);
    const write = await c.query({ text: 'INSERT INTO t VALUES ($1) RETURNING id', values: [3] });
    expect(write.rows).toEqual([{ id: 3 }]);
  });

  it('balances a STABLE user function once pg_proc has been asked, and keeps a VOLATILE one on the primary', async () => {
    const c = await client();
    const calledOn = async (fn: string) => Number((await c.query<{ port: string }>(`SELECT ${fn}() AS port`)).rows[0].port);
    // The first call goes to the primary while the router asks the catalog in the background.
    expect(await calledOn('stable_port')).toBe(cluster.primary.port);
    await eventually('a balanced STABLE call', () => calledOn('stable_port'), (p) => p === cluster.standbys[0].port);
    expect(await calledOn('volatile_port')).toBe(cluster.primary.port);
    // By the time the STABLE answer arrives the VOLATILE one has been asked too; it stays on the primary.
    await eventually('the VOLATILE answer', () => calledOn('stable_port'), (p) => p === cluster.standbys[0].port);
    for (let i = 0; i < 5; i++) expect(await calledOn('volatile_port')).toBe(cluster.primary.port);
  });

  it('answers SHOW ROUTE FOR on the admin console', async () => {
    const admin = await client({ database: 'pgtopo' });
    const { rows } = await admin.query('SHOW ROUTE FOR UPDATE t SET id = id');
    expect(rows).toEqual([{ destination: 'primary', node: 'primary', rule: '1', reason: 'data modification' }]);
    // Until pg_class has said t is a permanent table, reads of it go to the primary (rule 2).
    const read = await eventually(
      'a balanced route once t is known',
      () => admin.query('SHOW ROUTE FOR SELECT * FROM t'),
      (result) => result.rows[0].destination === 'balanced',
    );
    expect(read.rows[0]).toMatchObject({ destination: 'balanced', node: 'standby1', rule: '4' });
  });
});

describe('router config section', () => {
  it('fills defaults and keeps what is set', () => {
    const config = routerConfigFrom({ statementLevelLoadBalance: true, redirectPreferences: { user: [{ pattern: 'bi', target: 'standby' }] } });
    expect(config.statementLevelLoadBalance).toBe(true);
    expect(config.disableLoadBalanceOnWrite).toBe('transaction');
    expect(config.redirectPreferences).toEqual({ applicationName: [], database: [], user: [{ pattern: 'bi', target: 'standby' }] });
  });

  it.each([
    [{ disableLoadBalanceOnWrite: 'sometimes' }, 'router.disableLoadBalanceOnWrite: must be one of transaction, trans_transaction, always, off, dml_adaptive'],
    [{ delayTreshold: 10 }, 'router: unknown setting "delayTreshold"'],
    [{ writeFunctions: ['audit_('] }, 'router.writeFunctions[0]: not a valid regular expression'],
    [{ redirectPreferences: { database: [{ pattern: 'x', target: 'primary', probability: 2 }] } }, 'router.redirectPreferences.database.0.probability: must be <= 1'],
  ])('rejects %j with an actionable message', (raw, message) => {
    expect(() => routerConfigFrom(raw)).toThrow(RouterConfigError);
    expect(() => routerConfigFrom(raw)).toThrow(message);
  });
});

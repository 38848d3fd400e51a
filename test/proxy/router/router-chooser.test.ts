// The router behind the real proxy (transaction pooling) in front of a real primary + hot standby. `SHOW port`
// answers with the port of the node that ran it, so each assertion sees where a statement really went.

import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { silentLogger } from '../../../proxy/log.ts';
import { RouterConfigError, routerConfigFrom } from '../../../proxy/router/router-config-document.ts';
import { routerChooser } from '../../../proxy/router/router-target-chooser.ts';
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
  const config = proxyConfigFor(cluster, {
    backends: [
      { name: 'primary', host: cluster.primary.host, port: cluster.primary.port, role: 'primary', weight: 0 },
      { name: 'standby1', host: cluster.standbys[0].host, port: cluster.standbys[0].port, role: 'standby', weight: 1 },
    ],
    router: { disableLoadBalanceOnWrite: 'transaction', writeFunctions: ['audit_.*'] },
    // The test machine is shared and slow at times: waiting is not what is tested here.
    pool: { connectTimeoutMs: 30_000, queueTimeoutMs: 30_000 },
  });
  proxy = await startProxy({ config, log: silentLogger, chooser: routerChooser });
});

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

  it('runs a read-write transaction on the primary and a READ ONLY one on the standby', async () => {
    const c = await client();
    await c.query('BEGIN');
    expect(await port(c)).toBe(cluster.primary.port);
    await c.query('INSERT INTO t VALUES (2)');
    await c.query('COMMIT');
    await c.query('BEGIN READ ONLY');
    expect(await port(c)).toBe(cluster.standbys[0].port);
    await c.query('COMMIT');
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

// A writer (alwaysPrimary) whose server reports neither in_hot_standby nor default_transaction_read_only, as before
// PostgreSQL 14: its 25006 makes the proxy ask the server whether it is in recovery, and if it is, leave it as if it
// had reported turning read-only (the transaction fails with 40001, or the session with 08006, and the next
// transaction gets another server). A client's own read-only transaction on a writable server keeps PostgreSQL's
// 25006 and its server. PostgreSQL 15 is made to look older by a relay that strips those reports.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import pg from 'pg';
import { eventually, startPgCluster, type PgCluster } from '../support/pg-cluster.ts';
import { startParameterStrippingRelay, type StrippingRelay } from '../support/parameter-stripping-relay.ts';
import { parseProxyConfig } from '../../proxy/proxy-config.ts';
import { silentLogger } from '../../proxy/log.ts';
import { startProxy, type ProxyServer } from '../../proxy/server.ts';
import { sqlstateOf } from './proxy-fixture.ts';

const REPORTS = ['in_hot_standby', 'default_transaction_read_only'];
const ROUNDS = 3;

let cluster: PgCluster;
let toReplica: StrippingRelay;
let toPrimary: StrippingRelay;
const proxies: ProxyServer[] = [];

beforeAll(async () => {
  cluster = await startPgCluster({ standbys: 1 });
  await cluster.query(cluster.primary, 'CREATE TABLE writes (id int)');
  // A write to a table the replica has not replayed yet fails 42P01 before anything is read-only.
  await eventually('the replica to have the table', () => cluster.query<{ t: string | null }>(cluster.standbys[0], "SELECT to_regclass('writes')::text AS t"),
    (rows) => rows[0]?.t === 'writes');
  toReplica = await startParameterStrippingRelay(cluster.standbys[0], REPORTS);
  toPrimary = await startParameterStrippingRelay(cluster.primary, REPORTS);
}, 120_000);

afterAll(async () => {
  for (const proxy of proxies) await proxy.stop(0);
  await toReplica?.close();
  await toPrimary?.close();
  await cluster?.stop();
});

async function writerProxy(relay: StrippingRelay, mode: 'transaction' | 'session'): Promise<ProxyServer> {
  const proxy = await startProxy({
    config: parseProxyConfig({
      listen: { host: '127.0.0.1', port: 0 },
      backends: [{ name: 'writer', host: '127.0.0.1', port: relay.port, role: 'primary', alwaysPrimary: true }],
      users: [{ name: 'postgres', password: cluster.password }],
      pool: { mode, size: 1 },
    }),
    log: silentLogger,
  });
  proxies.push(proxy);
  return proxy;
}

async function clientOf(proxy: ProxyServer): Promise<pg.Client> {
  const client = new pg.Client({ host: '127.0.0.1', port: proxy.port, user: 'postgres', password: cluster.password, database: 'postgres' });
  client.on('error', () => undefined);
  await client.connect();
  return client;
}

async function serverPid(client: pg.Client): Promise<number> {
  return (await client.query<{ pid: number }>('SELECT pg_backend_pid() AS pid')).rows[0].pid;
}

describe('a writer that reports nothing, now a replica', () => {
  it('turns an autocommit 25006 into 40001 and the next transaction runs on another server (transaction pooling)', async () => {
    const proxy = await writerProxy(toReplica, 'transaction');
    const client = await clientOf(proxy);
    for (let round = 0; round < ROUNDS; round++) {
      const before = await serverPid(client);
      expect(await sqlstateOf(client.query('INSERT INTO writes VALUES (1)'))).toBe('40001');
      expect(await serverPid(client)).not.toBe(before);
    }
    await client.end();
  });

  it('leaves the server after a transaction that got 25006, which the client gets unchanged (transaction pooling)', async () => {
    const proxy = await writerProxy(toReplica, 'transaction');
    const client = await clientOf(proxy);
    for (let round = 0; round < ROUNDS; round++) {
      const before = await serverPid(client);
      await client.query('BEGIN');
      expect(await sqlstateOf(client.query('INSERT INTO writes VALUES (2)'))).toBe('25006');
      await client.query('ROLLBACK');
      expect(await serverPid(client)).not.toBe(before);
    }
    await client.end();
  });

  it('ends a session-pooled client with 08006', async () => {
    const proxy = await writerProxy(toReplica, 'session');
    for (let round = 0; round < ROUNDS; round++) {
      const client = await clientOf(proxy);
      expect(await sqlstateOf(client.query('INSERT INTO writes VALUES (3)'))).toBe('08006');
      await client.end().catch(() => undefined);
    }
  });
});

describe('a writer that reports nothing and can write', () => {
  it("keeps PostgreSQL's 25006 and the server for a client's own read-only transactions", async () => {
    const proxy = await writerProxy(toPrimary, 'transaction');
    const client = await clientOf(proxy);
    const server = await serverPid(client);
    for (let round = 0; round < ROUNDS; round++) {
      await client.query('BEGIN READ ONLY');
      expect(await sqlstateOf(client.query('INSERT INTO writes VALUES (4)'))).toBe('25006');
      await client.query('ROLLBACK');
      await client.query('INSERT INTO writes VALUES (5)');
      expect(await serverPid(client)).toBe(server);
    }
    await client.query('SET default_transaction_read_only = on'); // pins the client to its server
    expect(await sqlstateOf(client.query('INSERT INTO writes VALUES (6)'))).toBe('25006');
    expect(await serverPid(client)).toBe(server);
    await client.end();
  });
});

// A writer (alwaysPrimary) that turns read-only by its own configuration says so once, in a ParameterStatus
// report that lands in the response to whatever the server reads next: often the failing write itself, but also
// a statement that succeeds, or a query the proxy runs itself (carrying a client's settings). Wherever it lands,
// the next 25006 must be read as "the writer turned read-only": 08006 for a session-pooled client, 40001 with
// transaction pooling. A client's own read-only default (a SET, or `-c default_transaction_read_only=on` at
// startup) must still get PostgreSQL's 25006 unchanged and keep its server.
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import pg from 'pg';
import { eventually, startPgCluster, type PgCluster } from '../support/pg-cluster.ts';
import { parseProxyConfig } from '../../proxy/proxy-config.ts';
import { silentLogger } from '../../proxy/log.ts';
import { startProxy, type ProxyServer } from '../../proxy/server.ts';
import { sqlstateOf } from './proxy-fixture.ts';

const ROUNDS = 3;
/** Long enough for the postmaster's SIGHUP to reach every backend; the backend acts on it at its next message. */
const SIGNAL_MS = 300;

let cluster: PgCluster;
let proxy: ProxyServer | null = null;
const clients: pg.Client[] = [];

beforeAll(async () => {
  cluster = await startPgCluster({ standbys: 0 });
  await cluster.query(cluster.primary, 'CREATE TABLE writes (id int)');
}, 120_000);

afterEach(async () => {
  for (const client of clients.splice(0)) await client.end().catch(() => undefined);
  await proxy?.stop(0);
  proxy = null;
  await setWriterReadOnly(false);
});

afterAll(async () => {
  await cluster?.stop();
});

async function setWriterReadOnly(on: boolean): Promise<void> {
  await cluster.query(cluster.primary, on ? 'ALTER SYSTEM SET default_transaction_read_only = on' : 'ALTER SYSTEM RESET default_transaction_read_only');
  await cluster.query(cluster.primary, 'SELECT pg_reload_conf()');
  await new Promise((resolve) => setTimeout(resolve, SIGNAL_MS));
}

async function writerProxy(mode: 'transaction' | 'session'): Promise<ProxyServer> {
  proxy = await startProxy({
    config: parseProxyConfig({
      listen: { host: '127.0.0.1', port: 0 },
      backends: [{ name: 'writer', host: cluster.primary.host, port: cluster.primary.port, role: 'primary', alwaysPrimary: true }],
      users: [{ name: 'postgres', password: cluster.password }],
      pool: { mode, size: 1 },
    }),
    log: silentLogger,
  });
  return proxy;
}

/** A client, and the settings the server reported to it so far. */
async function clientOf(port: number, options: Partial<pg.ClientConfig> = {}): Promise<{ client: pg.Client; reported: Map<string, string> }> {
  const client = new pg.Client({ host: '127.0.0.1', port, user: 'postgres', password: cluster.password, database: 'postgres', ...options });
  client.on('error', () => undefined);
  const reported = new Map<string, string>();
  const connection = (client as unknown as { connection: { on(event: string, listener: (m: { parameterName: string; parameterValue: string }) => void): void } }).connection;
  connection.on('parameterStatus', (m) => reported.set(m.parameterName, m.parameterValue));
  await client.connect();
  clients.push(client);
  return { client, reported };
}

async function serverPid(client: pg.Client): Promise<number> {
  return (await client.query<{ pid: number }>('SELECT pg_backend_pid() AS pid')).rows[0].pid;
}

describe("the writer's read-only report in the response to a statement that succeeded", () => {
  it('ends the session-pooled client with 08006 at its next write, not with 25006', async () => {
    for (let round = 0; round < ROUNDS; round++) {
      const { port } = await writerProxy('session');
      const { client, reported } = await clientOf(port);
      await client.query('INSERT INTO writes VALUES (1)');
      await setWriterReadOnly(true);
      // The report comes with the response to the next message the server reads: a read that succeeds.
      await eventually('the report in a read\'s response', () => client.query('SELECT 1').then(() => reported.get('default_transaction_read_only')), (value) => value === 'on');
      expect(await sqlstateOf(client.query('INSERT INTO writes VALUES (2)')), `round ${round}`).toBe('08006');
      await proxy?.stop(0);
      proxy = null;
      await setWriterReadOnly(false);
    }
  });
});

describe("the writer's read-only report in the response to the proxy's own query", () => {
  it('turns the next write\'s 25006 into 40001 (transaction pooling, settings carried between clients)', async () => {
    for (let round = 0; round < ROUNDS; round++) {
      const { port } = await writerProxy('transaction');
      const a = await clientOf(port, { application_name: 'a' });
      const b = await clientOf(port, { application_name: 'b' });
      await a.client.query('INSERT INTO writes VALUES (3)'); // the one server connection now carries a's settings
      await setWriterReadOnly(true);
      // b's write first carries b's settings to the server: the report comes in the response to that SET.
      expect(await sqlstateOf(b.client.query('INSERT INTO writes VALUES (4)')), `round ${round}`).toBe('40001');
      expect(b.reported.get('default_transaction_read_only'), 'the proxy forwarded the report').not.toBe('on');
      await proxy?.stop(0);
      proxy = null;
      await setWriterReadOnly(false);
    }
  });
});

describe("a client's own read-only default on a writable writer", () => {
  it('set at startup: the client gets 25006 unchanged and the server stays (transaction pooling)', async () => {
    const { port } = await writerProxy('transaction');
    const readOnly = await clientOf(port, { options: '-c default_transaction_read_only=on' });
    const writing = await clientOf(port);
    const server = await serverPid(writing.client);
    for (let round = 0; round < ROUNDS; round++) {
      expect(await sqlstateOf(readOnly.client.query('INSERT INTO writes VALUES (5)')), `round ${round}`).toBe('25006');
      await writing.client.query('INSERT INTO writes VALUES (6)');
      expect(await serverPid(readOnly.client)).toBe(server);
    }
  });

  it('set by SET LOCAL (which does not pin): the transaction gets 25006 unchanged, and the server stays (transaction pooling)', async () => {
    const { port } = await writerProxy('transaction');
    const { client, reported } = await clientOf(port);
    const server = await serverPid(client);
    for (let round = 0; round < ROUNDS; round++) {
      await client.query('BEGIN');
      await client.query('SET LOCAL default_transaction_read_only = on');
      await client.query('SET LOCAL transaction_read_only = on');
      expect(reported.get('default_transaction_read_only'), 'the client saw its own setting reported').toBe('on');
      expect(await sqlstateOf(client.query('INSERT INTO writes VALUES (9)')), `round ${round}`).toBe('25006');
      await client.query('ROLLBACK');
      await client.query('INSERT INTO writes VALUES (10)');
      expect(await serverPid(client)).toBe(server);
    }
  });

  it('set by SET: the session-pooled client gets 25006 unchanged and keeps its server', async () => {
    const { port } = await writerProxy('session');
    const { client } = await clientOf(port);
    const server = await serverPid(client);
    await client.query('SET default_transaction_read_only = on');
    await client.query('SELECT 1');
    for (let round = 0; round < ROUNDS; round++) {
      expect(await sqlstateOf(client.query('INSERT INTO writes VALUES (7)')), `round ${round}`).toBe('25006');
    }
    await client.query('RESET default_transaction_read_only');
    await client.query('INSERT INTO writes VALUES (8)');
    expect(await serverPid(client)).toBe(server);
  });
});

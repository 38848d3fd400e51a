// Transaction pooling against a real PostgreSQL: no session state crosses clients, pinning is counted, a client
// leaving mid-transaction leaves a clean server, cancel reaches the right server, and the queue times out.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import pg from 'pg';
import { startPgCluster, type PgCluster } from '../support/pg-cluster.ts';
import { sendCancelRequest } from '../../proxy/cancel.ts';
import { sqlstateOf, startProxyFor, type ProxyUnderTest } from './proxy-fixture.ts';

let cluster: PgCluster;
let px: ProxyUnderTest;
let direct: pg.Client;

// One server connection: two clients in transaction mode are forced onto the same server, so any leak shows.
beforeAll(async () => {
  cluster = await startPgCluster({ standbys: 0 });
  px = await startProxyFor(cluster, { pool: { mode: 'transaction', size: 1, queueTimeoutMs: 2000 } });
  direct = new pg.Client({ connectionString: cluster.connectionString(cluster.primary) });
  await direct.connect();
});

afterAll(async () => {
  await direct?.end();
  await px?.proxy.stop(0);
  await cluster?.stop();
});

async function backendPid(client: pg.Client): Promise<number> {
  return (await client.query<{ pid: number }>('SELECT pg_backend_pid() AS pid')).rows[0].pid;
}

function pinnedCount(): number {
  return [...px.proxy.context.clients].filter((c) => c.pinned !== null).length;
}

describe('transaction pooling', () => {
  it('shares one server between clients without pinning plain queries', async () => {
    const a = await px.client();
    const b = await px.client();
    expect(await backendPid(a)).toBe(await backendPid(b));
    expect(pinnedCount()).toBe(0);
    await a.end();
    await b.end();
  });

  it('carries each client startup parameters to the shared server without pinning', async () => {
    const a = await px.client({ application_name: 'alpha', options: '-c statement_timeout=4321' });
    const b = await px.client({ application_name: 'beta' });
    const settings = "SELECT current_setting('application_name') AS app, current_setting('statement_timeout') AS t";
    for (let i = 0; i < 3; i++) {
      expect((await a.query(settings)).rows[0]).toEqual({ app: 'alpha', t: '4321ms' });
      expect((await b.query(settings)).rows[0]).toEqual({ app: 'beta', t: '0' });
    }
    expect(await backendPid(a)).toBe(await backendPid(b));
    expect(pinnedCount()).toBe(0);
    await a.end();
    await b.end();
  });

  it('tells each client at login the parameters it asked for, not those of an earlier client', async () => {
    async function reported(options: Partial<pg.ClientConfig>): Promise<Map<string, string>> {
      const client = new pg.Client({ host: '127.0.0.1', port: px.port, user: 'postgres', password: cluster.password, database: 'postgres', ...options });
      const statuses = new Map<string, string>();
      const connection = (client as unknown as { connection: { on(event: string, listener: (m: { parameterName: string; parameterValue: string }) => void): void } }).connection;
      connection.on('parameterStatus', (m) => statuses.set(m.parameterName, m.parameterValue));
      await client.connect();
      await client.end();
      return statuses;
    }
    for (const round of [1, 2]) {
      const gamma = await reported({ application_name: `gamma${round}`, options: '-c TimeZone=Asia/Tokyo' });
      const delta = await reported({ application_name: 'delta' });
      expect([gamma.get('application_name'), gamma.get('TimeZone')]).toEqual([`gamma${round}`, 'Asia/Tokyo']);
      expect(delta.get('application_name')).toBe('delta');
      expect(delta.get('TimeZone')).toEqual(expect.any(String));
      expect(delta.get('TimeZone')).not.toBe('Asia/Tokyo');
    }
  });

  it('pins a session SET, and the other client never sees the setting', async () => {
    const a = await px.client();
    await a.query("SET application_name = 'leaky'");
    expect(px.proxy.context.stats.pins.get('set')).toBe(1);
    expect(pinnedCount()).toBe(1);
    const b = await px.client({ query_timeout: 5000 });
    // b must wait: the only server is pinned to a. Release it by ending a, then b gets a clean (reset) server.
    const bQuery = b.query<{ name: string }>("SELECT current_setting('application_name') AS name");
    await a.end();
    expect((await bQuery).rows[0].name).not.toBe('leaky');
    await b.end();
  });

  it('carries protocol-level prepared statements across clients and servers', async () => {
    const a = await px.client();
    const b = await px.client();
    const first = await a.query({ name: 'by_id', text: 'SELECT $1::int + 1 AS n', values: [1] });
    // Same name, different text in another client: must not collide on the shared server.
    const second = await b.query({ name: 'by_id', text: "SELECT $1::text || '!' AS n", values: ['x'] });
    const again = await a.query({ name: 'by_id', text: 'SELECT $1::int + 1 AS n', values: [41] });
    expect(first.rows[0].n).toBe(2);
    expect(second.rows[0].n).toBe('x!');
    expect(again.rows[0].n).toBe(42);
    expect(pinnedCount()).toBe(0);
    await a.end();
    await b.end();
  });

  it('pins temp tables, SQL PREPARE and advisory locks, and resets them before reuse', async () => {
    const a = await px.client();
    await a.query('CREATE TEMP TABLE mine (x int)');
    await a.query('PREPARE sqlprep AS SELECT 1');
    await a.query('SELECT pg_advisory_lock(4242)');
    expect(pinnedCount()).toBe(1);
    await a.end();
    const b = await px.client();
    expect(await sqlstateOf(b.query('SELECT * FROM mine'))).toBe('42P01');
    expect(await sqlstateOf(b.query('EXECUTE sqlprep'))).toBe('26000');
    const locks = await direct.query("SELECT count(*)::int AS n FROM pg_locks WHERE locktype = 'advisory'");
    expect(locks.rows[0].n).toBe(0);
    await b.end();
  });

  it('rolls back and resets a server whose client vanished mid-transaction', async () => {
    const a = await px.client();
    await a.query('BEGIN');
    await a.query('CREATE TABLE half_done (x int)');
    await a.query("SET LOCAL statement_timeout = '1234s'");
    (a as unknown as { connection: { stream: { destroy(): void } } }).connection.stream.destroy();
    const b = await px.client();
    expect(await sqlstateOf(b.query('SELECT * FROM half_done'))).toBe('42P01');
    const status = await b.query<{ t: string; inx: string | null }>(
      "SELECT current_setting('statement_timeout') AS t, pg_current_xact_id_if_assigned()::text AS inx",
    );
    expect(status.rows[0]).toEqual({ t: '0', inx: null });
    const idleInTx = await direct.query("SELECT count(*)::int AS n FROM pg_stat_activity WHERE state LIKE 'idle in transaction%'");
    expect(idleInTx.rows[0].n).toBe(0);
    await b.end();
  });

  it('forwards a cancel request to the server running the client query', async () => {
    const a = await px.client();
    const sleeping = a.query('SELECT pg_sleep(30)');
    await new Promise((resolve) => setTimeout(resolve, 300));
    const { processID, secretKey } = a as unknown as { processID: number; secretKey: number };
    sendCancelRequest('127.0.0.1', px.port, processID, secretKey);
    expect(await sqlstateOf(sleeping)).toBe('57014');
    expect((await a.query('SELECT 1 AS one')).rows[0].one).toBe(1);
    await a.end();
  });

  it('discards a server connection that broke and serves the next transaction from a new one', async () => {
    const a = await px.client();
    const broken = await backendPid(a);
    await a.query('BEGIN');
    await direct.query('SELECT pg_terminate_backend($1)', [broken]);
    expect(await sqlstateOf(a.query('SELECT 1'))).not.toBe('no error');
    const b = await px.client();
    const fresh = await backendPid(b);
    expect(fresh).not.toBe(broken);
    expect([...px.proxy.context.pools.pools[0].servers].some((s) => s.backendPid === broken)).toBe(false);
    await b.end();
  });

  it('times out a client queued for an exhausted pool with SQLSTATE 53300', async () => {
    const holder = await px.client();
    await holder.query('BEGIN');
    const waiter = await px.client();
    expect(await sqlstateOf(waiter.query('SELECT 1'))).toBe('53300');
    await holder.query('COMMIT');
    await holder.end();
    const later = await px.client();
    expect((await later.query('SELECT 2 AS two')).rows[0].two).toBe(2);
    await later.end();
  });
});

describe('session pooling', () => {
  it('keeps one server per client session and resets it before the next client', async () => {
    const session = await startProxyFor(cluster, { pool: { mode: 'session', size: 1, queueTimeoutMs: 2000 } });
    try {
      const a = await session.client();
      await a.query("SET application_name = 'session-a'");
      await a.query('PREPARE kept AS SELECT 5 AS n');
      const first = await backendPid(a);
      expect((await a.query('EXECUTE kept')).rows[0].n).toBe(5);
      expect(await backendPid(a)).toBe(first);
      expect(session.proxy.context.stats.pins.size).toBe(0); // session mode never needs to pin
      await a.end();
      const b = await session.client();
      expect(await backendPid(b)).toBe(first); // the same server, reused after DISCARD ALL
      expect(await sqlstateOf(b.query('EXECUTE kept'))).toBe('26000');
      const name = await b.query<{ name: string }>("SELECT current_setting('application_name') AS name");
      expect(name.rows[0].name).not.toBe('session-a');
      await b.end();
    } finally {
      await session.proxy.stop(0);
    }
  });
});

describe('global server limit', () => {
  it('makes a pool wait for a slot held by another pool and evicts the idle one when it frees', async () => {
    await direct.query('CREATE DATABASE other');
    const limited = await startProxyFor(cluster, { pool: { mode: 'transaction', size: 2, maxServerConnections: 1, queueTimeoutMs: 5000 } });
    try {
      const a = await limited.client();
      await a.query('BEGIN');
      // b's login needs a server of its own pool: it waits until a's transaction frees the only slot.
      const bReady = limited.client({ database: 'other' });
      await new Promise((resolve) => setTimeout(resolve, 300));
      expect(limited.proxy.context.pools.serverCount).toBe(1);
      await a.query('COMMIT');
      const client = await bReady;
      expect((await client.query('SELECT current_database() AS db')).rows[0].db).toBe('other');
      expect(limited.proxy.context.pools.serverCount).toBe(1);
      await client.end();
      await a.end();
    } finally {
      await limited.proxy.stop(0);
    }
  });
});

describe('server connection limits', () => {
  async function untilTrue(check: () => Promise<boolean>, timeoutMs: number): Promise<boolean> {
    const deadline = Date.now() + timeoutMs;
    while (Date.now() < deadline) {
      if (await check()) return true;
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
    return false;
  }

  it('closes a server idle longer than idleTimeoutMs', async () => {
    const limited = await startProxyFor(cluster, { pool: { mode: 'transaction', size: 1, idleTimeoutMs: 1500 } });
    try {
      const client = await limited.client();
      const pid = await backendPid(client);
      const gone = async (): Promise<boolean> =>
        (await direct.query('SELECT 1 FROM pg_stat_activity WHERE pid = $1', [pid])).rowCount === 0;
      expect(await gone()).toBe(false);
      // The janitor passes once a second: the server goes within a pass or two after the limit.
      expect(await untilTrue(gone, 6000)).toBe(true);
      expect(limited.proxy.context.pools.serverCount).toBe(0);
      expect(await backendPid(client)).not.toBe(pid);
      await client.end();
    } finally {
      await limited.proxy.stop(0);
    }
  });

  it('replaces a server older than lifetimeMs when its transaction ends', async () => {
    const limited = await startProxyFor(cluster, { pool: { mode: 'transaction', size: 1, lifetimeMs: 1500 } });
    try {
      const client = await limited.client();
      const first = await backendPid(client);
      expect(await backendPid(client)).toBe(first);
      const replaced = async (): Promise<boolean> => (await backendPid(client)) !== first;
      expect(await untilTrue(replaced, 6000)).toBe(true);
      await client.end();
    } finally {
      await limited.proxy.stop(0);
    }
  });
});

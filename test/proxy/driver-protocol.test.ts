// What real drivers' test suites showed the proxy doing that PostgreSQL never does (issue 19), checked in both
// pooling modes against a real PostgreSQL: a named statement whose Parse failed is forgotten, a Terminate at any
// point of the login closes quietly, and a server that dies with a FATAL error gives the client that one error.
import { createServer, connect, type Server, type Socket } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { serialize } from 'pg-protocol';
import { eventually, startPgCluster, type PgCluster } from '../support/pg-cluster.ts';
import { startProxyFor, type ProxyUnderTest } from './proxy-fixture.ts';
import { prepareAndRun, startupPacket, synced, WireClient } from './wire-client.ts';

let cluster: PgCluster;
let relay: Relay;

/** A TCP relay in front of the primary whose connections the test can cut without PostgreSQL saying anything. */
interface Relay {
  port: number;
  cutAll(): void;
  close(): Promise<void>;
}

async function startRelay(target: { host: string; port: number }): Promise<Relay> {
  const pairs = new Set<[Socket, Socket]>();
  const server: Server = createServer((inbound) => {
    const outbound = connect({ host: target.host, port: target.port });
    const pair: [Socket, Socket] = [inbound, outbound];
    pairs.add(pair);
    for (const socket of pair) socket.on('error', () => undefined).on('close', () => pairs.delete(pair));
    inbound.pipe(outbound).pipe(inbound);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    port: (server.address() as { port: number }).port,
    cutAll: () => {
      for (const pair of pairs) for (const socket of pair) socket.destroy();
    },
    close: () => new Promise((resolve) => server.close(() => resolve())),
  };
}

const TRUST = [{ type: 'host', database: 'all', user: 'all', address: '127.0.0.1/32', method: 'trust' }];

beforeAll(async () => {
  cluster = await startPgCluster({ standbys: 0 });
  relay = await startRelay(cluster.primary);
});

afterAll(async () => {
  await relay?.close();
  await cluster?.stop();
});

describe.each(['session', 'transaction'] as const)('%s pooling', (mode) => {
  let px: ProxyUnderTest;
  let table = 0;

  beforeAll(async () => {
    // One server connection in transaction mode: every client lands on the server that saw the failed Parse.
    px = await startProxyFor(cluster, { pool: { mode, size: mode === 'transaction' ? 1 : 5 }, hba: TRUST });
  });

  afterAll(async () => {
    await px?.proxy.stop(0);
  });

  /** A relation name of this test alone. */
  function freshTable(): string {
    return `t_${mode}_${++table}`;
  }

  /** Prepares `SELECT * FROM t` as `name` while t.x is an int, then makes t.x text: the statement's plan is stale. */
  async function prepareThenChangeTable(client: WireClient, name: string, t: string): Promise<void> {
    await client.request(serialize.query(`CREATE TABLE ${t} (x int); INSERT INTO ${t} VALUES (1)`));
    expect((await client.request(synced(...prepareAndRun(name, `SELECT * FROM ${t}`)))).errors).toEqual([]);
    await client.request(serialize.query(`DROP TABLE ${t}; CREATE TABLE ${t} (x text); INSERT INTO ${t} VALUES ('one')`));
  }

  describe('a named statement whose Parse failed is forgotten', () => {
    it('lets the same client prepare it again once the relation exists, and another client under another name', async () => {
      const t = freshTable();
      const a = await WireClient.login(px.port);
      expect((await a.request(synced(...prepareAndRun('s1', `SELECT count(*) FROM ${t}`)))).errors).toEqual(['42P01']);
      expect((await a.request(serialize.query(`CREATE TABLE ${t} (id int)`))).errors).toEqual([]);
      expect((await a.request(synced(...prepareAndRun('s1', `SELECT count(*) FROM ${t}`)))).errors).toEqual([]);
      const b = await WireClient.login(px.port);
      expect((await b.request(synced(...prepareAndRun('other', `SELECT count(*) FROM ${t}`)))).errors).toEqual([]);
      await a.end();
      await b.end();
    });

    it('lets a new client prepare the text that failed for another client once the relation exists', async () => {
      const t = freshTable();
      const a = await WireClient.login(px.port);
      expect((await a.request(synced(...prepareAndRun('s1', `SELECT count(*) FROM ${t}`)))).errors).toEqual(['42P01']);
      await a.end();
      await cluster.query(cluster.primary, `CREATE TABLE ${t} (id int)`);
      const b = await WireClient.login(px.port);
      expect((await b.request(synced(...prepareAndRun('s2', `SELECT count(*) FROM ${t}`)))).errors).toEqual([]);
      await b.end();
    });

    it('forgets the name as PostgreSQL does: a Bind of it without a new Parse is 26000', async () => {
      const a = await WireClient.login(px.port);
      expect((await a.request(synced(...prepareAndRun('s1', 'SELEC 1')))).errors).toEqual(['42601']);
      expect((await a.request(synced(serialize.bind({ statement: 's1' }), serialize.execute()))).errors).toEqual(['26000']);
      expect((await a.request(synced(...prepareAndRun('s1', 'SELECT 1')))).errors).toEqual([]);
      await a.end();
    });

    it('forgets a Parse refused inside an aborted transaction, so it works after ROLLBACK', async () => {
      const a = await WireClient.login(px.port);
      expect((await a.request(serialize.query('BEGIN; SELECT 1/0'))).errors).toEqual(['22012']);
      expect((await a.request(synced(...prepareAndRun('s1', 'SELECT 41 + 1')))).errors).toEqual(['25P02']);
      expect((await a.request(serialize.query('ROLLBACK'))).errors).toEqual([]);
      const retried = await a.request(synced(...prepareAndRun('s1', 'SELECT 41 + 1')));
      expect(retried.errors).toEqual([]);
      expect(retried.names).toContain('dataRow');
      await a.end();
    });

    it('does not poison the second statement of a batch whose first statement failed', async () => {
      const t = freshTable();
      const a = await WireClient.login(px.port);
      const failed = await a.request(synced(...prepareAndRun('first', `SELECT * FROM ${t}`), ...prepareAndRun('second', 'SELECT 2')));
      expect(failed.errors).toEqual(['42P01']);
      const retried = await a.request(synced(...prepareAndRun('second', 'SELECT 2')));
      expect(retried.errors).toEqual([]);
      expect(retried.names).toEqual(['parseComplete', 'bindComplete', 'dataRow', 'commandComplete', 'readyForQuery']);
      await a.end();
    });

    it('prepares a statement made stale by a table change afresh when a client parses it again (postgres.js retry)', async () => {
      const t = freshTable();
      const a = await WireClient.login(px.port);
      await prepareThenChangeTable(a, 'before', t);
      expect((await a.request(synced(serialize.bind({ statement: 'before' }), serialize.execute()))).errors).toEqual(['0A000']);
      const retried = await a.request(synced(...prepareAndRun('after', `SELECT * FROM ${t}`)));
      expect(retried.errors).toEqual([]);
      expect(retried.firstColumn).toEqual(['one']);
      await a.end();
    });

    it('gives a new client a fresh plan for a text another client prepared before the table changed (postgres.js Point type array)', async () => {
      const t = freshTable();
      const a = await WireClient.login(px.port);
      await prepareThenChangeTable(a, 'first', t);
      await a.end();
      const b = await WireClient.login(px.port);
      const fresh = await b.request(synced(...prepareAndRun('second', `SELECT * FROM ${t}`)));
      expect(fresh.errors).toEqual([]);
      expect(fresh.firstColumn).toEqual(['one']);
      await b.end();
    });

    it('works for node-postgres named queries retried after CREATE TABLE', async () => {
      const t = freshTable();
      const client = await px.client();
      const query = { name: 'count', text: `SELECT count(*)::int AS n FROM ${t}` };
      await expect(client.query(query)).rejects.toMatchObject({ code: '42P01' });
      await client.query(`CREATE TABLE ${t} (id int)`);
      expect((await client.query(query)).rows).toEqual([{ n: 0 }]);
      await client.end();
    });
  });

  describe('a Terminate during the login closes quietly', () => {
    it('sent before the StartupMessage (node-postgres connect(); end() without awaiting the connect)', async () => {
      const a = await WireClient.connect(px.port, Buffer.concat([serialize.end(), startupPacket()]));
      await a.closed;
      expect(a.take().errors).toEqual([]);
    });

    it('sent in the same write as the StartupMessage', async () => {
      const a = await WireClient.connect(px.port, Buffer.concat([startupPacket(), serialize.end()]));
      await a.closed;
      expect(a.take().names).not.toContain('error');
    });

    it('sent right after the ReadyForQuery of the login', async () => {
      const a = await WireClient.login(px.port);
      a.socket.write(serialize.end());
      await a.closed;
      expect(a.take().errors).toEqual([]);
    });

    it('sent instead of the password during authentication', async () => {
      const scram = await startProxyFor(cluster, { pool: { mode } });
      try {
        const a = await WireClient.connect(scram.port);
        await a.until((m) => m.name === 'authenticationSASL');
        a.socket.write(serialize.end());
        await a.closed;
        expect(a.take().errors).toEqual([]);
      } finally {
        await scram.proxy.stop(0);
      }
    });

    it('keeps a query sent before the login finished and answers it after', async () => {
      const a = await WireClient.connect(px.port, Buffer.concat([startupPacket(), serialize.query('SELECT 1')]));
      let ready = 0;
      await a.until((m) => m.name === 'readyForQuery' && ++ready === 2);
      const answer = a.take();
      expect(answer.errors).toEqual([]);
      expect(answer.names).toContain('dataRow');
      await a.end();
    });
  });

  describe('prepared statements stay bounded by pool.maxPreparedStatements', () => {
    let bounded: ProxyUnderTest;

    beforeAll(async () => {
      bounded = await startProxyFor(cluster, { pool: { mode, size: mode === 'transaction' ? 1 : 2, maxPreparedStatements: 3 }, hba: TRUST });
    });

    afterAll(async () => {
      await bounded?.proxy.stop(0);
    });

    /** Statements the proxy prepared on the server `client` lands on (in transaction mode the only one). */
    async function preparedByProxy(client: WireClient): Promise<number> {
      const answer = await client.request(serialize.query("SELECT count(*) FROM pg_prepared_statements WHERE name LIKE 'pgtopo\\_%'"));
      expect(answer.errors).toEqual([]);
      return Number(answer.firstColumn[0]);
    }

    it('keeps at most the bound per server and proxy-wide, and prepares an evicted statement again on use', async () => {
      const a = await WireClient.login(bounded.port);
      for (let i = 1; i <= 6; i++) expect((await a.request(synced(...prepareAndRun(`s${i}`, `SELECT ${i}`)))).errors).toEqual([]);
      expect(await preparedByProxy(a)).toBe(mode === 'transaction' ? 3 : 0);
      expect(bounded.proxy.context.statements.size).toBe(mode === 'transaction' ? 3 : 0);
      // s1 was forgotten by the server and the proxy: binding it prepares it again, and no name collides (42P05).
      const again = await a.request(synced(serialize.bind({ statement: 's1' }), serialize.execute()));
      expect(again.errors).toEqual([]);
      expect(again.firstColumn).toEqual(['1']);
      // Another client preparing that text gets it under a new server name, beside the old one still prepared.
      const b = await WireClient.login(bounded.port);
      const other = await b.request(synced(...prepareAndRun('x', 'SELECT 1')));
      expect(other.errors).toEqual([]);
      expect(other.firstColumn).toEqual(['1']);
      expect(await preparedByProxy(b)).toBe(mode === 'transaction' ? 3 : 0);
      await a.end();
      await b.end();
    });
  });

  describe('one error per failure', () => {
    it('passes the FATAL of a terminated server connection and closes without an error of its own', async () => {
      const a = await WireClient.login(px.port);
      const running = a.request(serialize.query('SELECT pg_backend_pid(), pg_sleep(60)'));
      await eventually(
        'the sleep running',
        () => cluster.query<{ pid: number }>(cluster.primary, "SELECT pid FROM pg_stat_activity WHERE query LIKE 'SELECT pg_backend_pid(), pg_sleep%'"),
        (rows) => rows.length === 1,
      );
      await cluster.query(cluster.primary, "SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE query LIKE 'SELECT pg_backend_pid(), pg_sleep%'");
      const answer = await running;
      await a.closed;
      expect(answer.errors).toEqual(['57P01']);
    });

    it('still reports 08006 when the server connection vanished without an error', async () => {
      const viaRelay = await startProxyFor(cluster, {
        pool: { mode },
        hba: TRUST,
        backends: [{ name: 'primary', host: '127.0.0.1', port: relay.port, role: 'primary' }],
      });
      try {
        const a = await WireClient.login(viaRelay.port);
        const running = a.request(serialize.query('SELECT pg_sleep(60)'));
        await eventually(
          'the sleep running',
          () => cluster.query(cluster.primary, "SELECT 1 FROM pg_stat_activity WHERE query = 'SELECT pg_sleep(60)'"),
          (rows) => rows.length === 1,
        );
        relay.cutAll();
        const answer = await running;
        await a.closed;
        expect(answer.errors).toEqual(['08006']);
        await cluster.query(cluster.primary, "SELECT pg_cancel_backend(pid) FROM pg_stat_activity WHERE query = 'SELECT pg_sleep(60)'");
      } finally {
        await viaRelay.proxy.stop(0);
      }
    });
  });
});

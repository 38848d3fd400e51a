// A managed database's failover as the proxy sees it (Aurora, RDS): the writer endpoint is a DNS name, AWS turns
// the old writer read-only, promotes a replica and moves the name to it. The proxy must follow the name within the
// record's TTL, leave the read-only server, and fail at most each client's in-flight transaction, with a code that
// says "retry": 40001 with transaction pooling (the client stays connected), 08006 and a closed connection with
// session pooling (the session lived on the old writer). Every acknowledged write must be on the new writer.
//
// Here: two real PostgreSQL nodes with synchronous replication (so an acknowledged commit is on the standby
// before the promotion), each reachable on one port of its own loopback address through a relay, and a test DNS
// server that serves the writer name with a TTL of one second. Three rounds per pooling mode, each failing over
// from the node the previous round promoted (the old writer is rewound and follows).
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { eventually, startPgCluster, type PgCluster, type PgClusterNode } from '../support/pg-cluster.ts';
import { startTestDnsServer, type TestDnsServer } from '../support/test-dns-server.ts';
import { startTcpRelay, type TcpRelay } from '../support/tcp-relay.ts';
import { allocateFreePort } from '../../providers/local/free-port.ts';
import { parseProxyConfig } from '../../proxy/proxy-config.ts';
import { startProxy, type ProxyServer } from '../../proxy/server.ts';
import { silentLogger } from '../../proxy/log.ts';

const WRITER_NAME = 'orders.cluster-abc.eu-west-1.rds.test';
const TTL_SECONDS = 1;
const ROUNDS = 3;
const CLIENTS = 4;
/** Writes per client on the new writer that end a round. */
const WRITES_AFTER_FAILOVER = 3;
const EXPECTED_FAILURE = { transaction: '40001', session: '08006' } as const;

let cluster: PgCluster;
let dns: TestDnsServer;
const relays: TcpRelay[] = [];
/** The relay address of each node. */
const addressOf = new Map<PgClusterNode, string>();
let writer: PgClusterNode;
let standby: PgClusterNode;
let nextId = 0;
const acknowledged: number[] = [];

beforeAll(async () => {
  cluster = await startPgCluster({ standbys: 1, settings: { synchronous_standby_names: '*', synchronous_commit: 'on' } });
  await cluster.query(cluster.primary, 'CREATE TABLE acked (id int PRIMARY KEY)');
  const port = await allocateFreePort();
  for (const [index, node] of [cluster.primary, cluster.standbys[0]].entries()) {
    const relay = await startTcpRelay(`127.0.20.${index + 1}`, port, node);
    relays.push(relay);
    addressOf.set(node, relay.host);
  }
  writer = cluster.primary;
  standby = cluster.standbys[0];
  dns = await startTestDnsServer();
  dns.set(WRITER_NAME, [addressOf.get(writer) as string], TTL_SECONDS);
}, 120_000);

afterAll(async () => {
  for (const relay of relays) await relay.close();
  await dns?.close();
  await cluster?.stop();
});

async function startWriterProxy(mode: 'transaction' | 'session'): Promise<ProxyServer> {
  const config = parseProxyConfig({
    listen: { host: '127.0.0.1', port: 0 },
    backends: [{ name: 'writer', host: WRITER_NAME, port: relays[0].port, role: 'primary', alwaysPrimary: true }],
    users: [{ name: 'postgres', password: cluster.password }],
    pool: { mode, size: CLIENTS },
    dns: { servers: [dns.server] },
  });
  return startProxy({ config, log: silentLogger });
}

interface Outcome {
  /** The PostgreSQL port of the node each acknowledged write ran on, in order. */
  ports: number[];
  /** When each of those writes was acknowledged (ms since the epoch), for the log. */
  acknowledgedAt: number[];
  failures: string[];
}

/** Inserts fresh ids until `done`; after a failure it goes on (reconnecting when the connection is gone), as a retry loop would. */
async function writeUntil(port: number, done: (ports: number[]) => boolean, stop: { deadline: number }): Promise<Outcome> {
  const outcome: Outcome = { ports: [], acknowledgedAt: [], failures: [] };
  let client: pg.Client | null = null;
  while (!done(outcome.ports) && Date.now() < stop.deadline) {
    const id = nextId++;
    try {
      if (client === null) {
        client = new pg.Client({ host: '127.0.0.1', port, user: 'postgres', password: cluster.password, database: 'postgres' });
        client.on('error', () => undefined);
        await client.connect();
      }
      const { rows } = await client.query<{ port: number }>("INSERT INTO acked VALUES ($1) RETURNING current_setting('port')::int AS port", [id]);
      acknowledged.push(id);
      outcome.ports.push(rows[0].port);
      outcome.acknowledgedAt.push(Date.now());
    } catch (error) {
      const code = (error as { code?: string }).code ?? (error as Error).message;
      outcome.failures.push(code);
      if (!code.startsWith('40')) {
        await client?.end().catch(() => undefined);
        client = null;
      }
    }
  }
  await client?.end().catch(() => undefined);
  return outcome;
}

/** Like AWS: the writer refuses writes from its next statement on, the standby is promoted, the name moves. */
async function failOver(): Promise<void> {
  await cluster.query(writer, 'ALTER SYSTEM SET default_transaction_read_only = on');
  await cluster.query(writer, 'SELECT pg_reload_conf()');
  // Acknowledged commits are on the standby already (synchronous replication); wait for it to replay them all.
  const [{ lsn }] = await cluster.query<{ lsn: string }>(writer, 'SELECT pg_current_wal_lsn()::text AS lsn');
  await eventually('the standby to replay everything', () => cluster.query<{ behind: boolean }>(standby,
    `SELECT pg_last_wal_replay_lsn() < '${lsn}'::pg_lsn AS behind`), (rows) => !rows[0].behind);
  // The name moves before the promotion is done: logins reaching the still recovering standby must wait too.
  dns.set(WRITER_NAME, [addressOf.get(standby) as string], TTL_SECONDS);
  await cluster.query(standby, 'SELECT pg_promote()');
  // Alone now: commits on the new writer must not wait for a synchronous standby.
  await cluster.query(standby, "ALTER SYSTEM SET synchronous_standby_names = ''");
  await cluster.query(standby, 'SELECT pg_reload_conf()');
}

/** The old writer follows the new one, writable once promoted again; the new writer waits for it again. */
async function rejoin(old: PgClusterNode, current: PgClusterNode): Promise<void> {
  await old.instance.stop('fast');
  await old.instance.rewind({ source: current, superuserPassword: cluster.password, durability: 'unsafe-fast' });
  await old.instance.start();
  await cluster.query(old, 'ALTER SYSTEM RESET default_transaction_read_only');
  await cluster.query(old, 'SELECT pg_reload_conf()');
  await cluster.waitForStreaming(current, [old.name]);
  await cluster.query(current, "ALTER SYSTEM SET synchronous_standby_names = '*'");
  await cluster.query(current, 'SELECT pg_reload_conf()');
}

async function idsOn(node: PgClusterNode): Promise<Set<number>> {
  return new Set((await cluster.query<{ id: number }>(node, 'SELECT id FROM acked')).map((row) => row.id));
}

describe.each(['transaction', 'session'] as const)('a client\'s own read-only transaction on the writer, %s pooling', (mode) => {
  it('gets PostgreSQL\'s 25006 unchanged and keeps its server', async () => {
    const proxy = await startWriterProxy(mode);
    const client = new pg.Client({ host: '127.0.0.1', port: proxy.port, user: 'postgres', password: cluster.password, database: 'postgres' });
    try {
      await client.connect();
      const pid = async (): Promise<number> => (await client.query<{ pid: number }>('SELECT pg_backend_pid() AS pid')).rows[0].pid;
      const before = await pid();
      await client.query('BEGIN READ ONLY');
      await expect(client.query('INSERT INTO acked VALUES (-1)')).rejects.toMatchObject({ code: '25006' });
      await client.query('ROLLBACK');
      // A session setting the client made itself (it pins the session in transaction pooling).
      await client.query('SET default_transaction_read_only = on');
      await expect(client.query('INSERT INTO acked VALUES (-1)')).rejects.toMatchObject({ code: '25006' });
      await client.query('RESET default_transaction_read_only');
      await client.query('INSERT INTO acked VALUES (-1)');
      await client.query('DELETE FROM acked WHERE id = -1');
      expect(await pid()).toBe(before);
    } finally {
      await client.end();
      await proxy.stop(0);
    }
  }, 60_000);
});

describe.each(['transaction', 'session'] as const)('the writer endpoint failing over, %s pooling', (mode) => {
  it(`is followed: writes resume on the new writer, none is lost, each client fails at most once with ${EXPECTED_FAILURE[mode]} (${ROUNDS} rounds)`, async () => {
    const proxy = await startWriterProxy(mode);
    try {
      for (let round = 0; round < ROUNDS; round++) {
        const old = writer;
        const promoted = standby;
        const stop = { deadline: Date.now() + 40_000 };
        const writes = Array.from({ length: CLIENTS }, () =>
          writeUntil(proxy.port, (ports) => ports.filter((port) => port === promoted.port).length >= WRITES_AFTER_FAILOVER, stop));
        const before = acknowledged.length;
        await eventually('writes through the proxy', () => Promise.resolve(acknowledged.length), (n) => n >= before + 2 * CLIENTS);
        const failoverStarted = Date.now();
        await failOver();
        writer = promoted;
        standby = old;
        const outcomes = await Promise.all(writes);

        for (const { ports, failures } of outcomes) {
          expect(ports.filter((port) => port === promoted.port).length, `round ${round}: ${ports.join(',')}`).toBeGreaterThanOrEqual(WRITES_AFTER_FAILOVER);
          expect(failures.length, `round ${round}: failures ${failures.join(', ')}`).toBeLessThanOrEqual(1);
          for (const failure of failures) expect(failure).toBe(EXPECTED_FAILURE[mode]);
          // Once on the new writer, never back on the old one.
          expect(ports.slice(ports.indexOf(promoted.port)).every((port) => port === promoted.port), `round ${round}: ${ports.join(',')}`).toBe(true);
        }
        const resumedMs = outcomes.map((o) => o.acknowledgedAt[o.ports.indexOf(promoted.port)] - failoverStarted);
        console.log(`${mode} round ${round}: failed writes ${outcomes.map((o) => o.failures.join('/') || 'none').join(', ')}; `
          + `first write on the new writer ${resumedMs.join('/')} ms after the writer turned read-only`);
        const onWriter = await idsOn(promoted);
        expect(acknowledged.filter((id) => !onWriter.has(id)), `round ${round}: acknowledged writes missing on the new writer`).toEqual([]);
        await rejoin(old, promoted);
      }
    } finally {
      await proxy.stop(0);
    }
  }, 180_000);
});

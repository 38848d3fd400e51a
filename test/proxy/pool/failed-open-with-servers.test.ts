// A new server connection that fails while its pool still has servers must not fail the clients waiting in that
// pool: a released server serves them a moment later (PgBouncer's fast-fail rule). Seen in a benchmark run, where
// one server login took longer than connectTimeoutMs at load 11 and a client got FATAL 08006 while 15 servers of its
// pool were busy for well under a millisecond each. Here a relay in front of a real PostgreSQL leaves new connections
// unanswered while the connections it relays already go on.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type pg from 'pg';
import { eventually, startPgCluster, type PgCluster } from '../../support/pg-cluster.ts';
import { startTcpRelay, type TcpRelay } from '../../support/tcp-relay.ts';
import { sqlstateOf, startProxyFor, type ProxyUnderTest } from '../proxy-fixture.ts';
import type { Pool } from '../../../proxy/pool/pool.ts';
import { silentLogger } from '../../../proxy/log.ts';

const CONNECT_TIMEOUT_MS = 300;
const QUEUE_TIMEOUT_MS = 3000;
/** A role PostgreSQL lets log in once: its second server login is refused at once with 53300. */
const LIMITED = { name: 'limited', password: 'limited-secret' };
let cluster: PgCluster;
let relay: TcpRelay;
let px: ProxyUnderTest;
const failedLogins: string[] = [];

beforeAll(async () => {
  cluster = await startPgCluster({ standbys: 0 });
  await cluster.query(cluster.primary, 'CREATE DATABASE other');
  await cluster.query(cluster.primary, `CREATE ROLE ${LIMITED.name} LOGIN CONNECTION LIMIT 1 PASSWORD '${LIMITED.password}'`);
  relay = await startTcpRelay('127.0.0.1', 0, cluster.primary);
  px = await startProxyFor(cluster, {
    backends: [{ name: 'primary', host: relay.host, port: relay.port, role: 'primary' }],
    pool: { mode: 'transaction', size: 2, connectTimeoutMs: CONNECT_TIMEOUT_MS, queueTimeoutMs: QUEUE_TIMEOUT_MS },
    // A failed open has the node checked at once. Its monitoring connection opens at start, before the relay stalls,
    // so the checks answer: this file is about the pool's waiters, not about a node that stops answering.
    healthCheck: { periodMs: 60_000, timeoutMs: 5000, retries: 0, retryDelayMs: 0 },
    users: [{ name: 'postgres', password: cluster.password, admin: true }, LIMITED],
  }, {
    ...silentLogger,
    warn: (message, fields) => {
      if (message === 'server login failed') failedLogins.push(String(fields?.pool));
    },
  });
});

afterAll(async () => {
  await px?.proxy.stop(0);
  await relay?.close();
  await cluster?.stop();
});

function poolOf(database: string, user = 'postgres'): Pool {
  const pool = px.proxy.context.pools.pools.find((candidate) => candidate.database === database && candidate.user.name === user);
  if (!pool) throw new Error(`no pool for ${user}/${database}`);
  return pool;
}

/** Client A holds the pool's one server in a transaction while B queues and the pool's new server fails. */
async function holdWhileOpenFails(a: pg.Client, b: pg.Client): Promise<{ answer: Promise<unknown>; pool: Pool }> {
  await a.query('BEGIN');
  await a.query('SELECT 1');
  const pool = poolOf('postgres');
  expect(pool.servers.size).toBe(1);
  const answer = b.query('SELECT 42 AS answer');
  answer.catch(() => undefined);
  await eventually('B to queue and the pool to try a new server', async () => ({ waiting: pool.waiting, opening: pool.opening }),
    (now) => now.waiting === 1 && now.opening === 1, 5000);
  await eventually('the new server to time out', async () => pool.opening, (opening) => opening === 0, 5000);
  return { answer, pool };
}

describe('a failed new server connection in a pool that has servers', () => {
  it('leaves its waiting clients in the queue, served by the next released server (3 rounds)', async () => {
    const a = await px.client();
    const b = await px.client();
    try {
      await a.query('SELECT 1'); // the pool's first server opens before the relay stalls
      relay.stall(true);
      for (let round = 0; round < 3; round++) {
        const { answer, pool } = await holdWhileOpenFails(a, b);
        expect(pool.waiting).toBe(1); // still queued: before the change it had failed with 08006 here
        await a.query('COMMIT');
        await expect(answer).resolves.toMatchObject({ rows: [{ answer: 42 }] });
        expect(pool.servers.size).toBe(1);
      }
    } finally {
      relay.stall(false);
      await Promise.all([a.end(), b.end()]);
    }
  });

  it('times a waiter out in the queue with the failure of the new connection in the message', async () => {
    const a = await px.client();
    const b = await px.client();
    try {
      await a.query('SELECT 1');
      relay.stall(true);
      const { answer } = await holdWhileOpenFails(a, b);
      const error = await answer.then(() => null, (failure: Error & { code?: string }) => failure);
      expect(error).toMatchObject({ code: '53300' });
      expect(error?.message).toMatch(new RegExp(`within ${QUEUE_TIMEOUT_MS} ms .*last new server connection failed: .*connect timeout after ${CONNECT_TIMEOUT_MS} ms`));
      await a.query('COMMIT');
    } finally {
      relay.stall(false);
      await Promise.all([a.end(), b.end()]);
    }
  });

  it('still fails a pool with no server at once with the login failure (08006)', async () => {
    relay.stall(true);
    try {
      // A pool of its own, with no server yet: its first login needs one, and the connection attempt times out.
      // 08006, not the queue's 53300: the login is failed when the attempt fails, not left to wait.
      expect(await sqlstateOf(px.client({ database: 'other' }).then((client) => client.end()))).toBe('08006');
    } finally {
      relay.stall(false);
    }
    expect(await sqlstateOf(px.client({ database: 'other' }).then((client) => client.end()))).toBe('no error');
  });

  it('tries no new server for every client that queues behind it: one attempt, then the janitor\'s once a second', async () => {
    const limited = () => px.client({ user: LIMITED.name, password: LIMITED.password });
    const holder = await limited();
    const queued = await Promise.all(Array.from({ length: 10 }, limited));
    try {
      await holder.query('BEGIN'); // the role's one server: every other login PostgreSQL refuses with 53300
      const pool = poolOf('postgres', LIMITED.name);
      const before = failedLogins.length;
      const answers: Promise<pg.QueryResult>[] = [];
      for (const client of queued) { // one arrives every 100 ms, each after the last attempt was refused
        answers.push(client.query('SELECT 1 AS one'));
        await new Promise((resolve) => setTimeout(resolve, 100));
      }
      await new Promise((resolve) => setTimeout(resolve, 500));
      const attempts = failedLogins.length - before;
      expect(pool.waiting).toBe(10); // none failed: the pool has a server
      await holder.query('COMMIT');
      expect((await Promise.all(answers)).map((result) => result.rows[0].one)).toEqual(Array(10).fill(1));
      // The first queued client's attempt, then at most one per janitor pass (1 s apart) in the 1.5 s: 10 without the delay.
      expect(attempts).toBeGreaterThanOrEqual(1);
      expect(attempts).toBeLessThanOrEqual(3);
    } finally {
      await Promise.all([holder, ...queued].map((client) => client.end()));
    }
  });
});

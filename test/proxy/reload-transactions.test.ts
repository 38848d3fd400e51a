// Transactions across reloads: every reload replaces the config objects (backends, users) that pools and server
// connections were made with. Whatever reloads happen while a transaction runs, all of its statements must run on
// the one server it started on (the same pg_backend_pid()), and a failed transaction must stay failed (25P02) and
// commit nothing. Both pooling modes, with and without load balancing; the reloads change a backend's weight and
// the user's password (the secret clients prove), and one of them fires in the middle of each round's
// transactions, when idle servers from before it exist.
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { eventually, startPgCluster, type PgCluster } from '../support/pg-cluster.ts';
import { silentLogger } from '../../proxy/log.ts';
import type { ProxyConfig } from '../../proxy/proxy-config.ts';
import { startProxy, type ProxyServer } from '../../proxy/server.ts';
import { proxyConfigFor, sqlstateOf } from './proxy-fixture.ts';

const ROUNDS = 30;
const CATALOG_CONNECTIONS = "SELECT count(*)::int AS n FROM pg_stat_activity WHERE application_name = 'pgtopo-proxy-catalog'";
const WORKERS = 3;

let cluster: PgCluster;

beforeAll(async () => {
  cluster = await startPgCluster({ standbys: 1 });
  await cluster.query(cluster.primary, 'CREATE TABLE reload_tx (tag text NOT NULL)');
  await eventually('the table on the standby', () => cluster.query(cluster.standbys[0], "SELECT 1 FROM pg_class WHERE relname = 'reload_tx'"),
    (rows) => rows.length === 1);
});

afterAll(async () => {
  await cluster?.stop();
});

interface Variant {
  mode: 'transaction' | 'session';
  balancing: boolean;
}

/** The config of reload number `n`: the standby's weight and the user's password change from one to the next. */
function configFor(variant: Variant, n: number): ProxyConfig {
  return proxyConfigFor(cluster, {
    backends: [
      { name: 'primary', host: cluster.primary.host, port: cluster.primary.port, role: 'primary', weight: 1 },
      { name: 'standby1', host: cluster.standbys[0].host, port: cluster.standbys[0].port, role: 'standby', weight: 1 + (n % 3) },
    ],
    users: [{ name: 'postgres', secret: clientPassword(n), password: cluster.password, admin: true }],
    pool: { mode: variant.mode, size: 10, queueTimeoutMs: 10_000, connectTimeoutMs: 30_000 },
    router: { loadBalancing: variant.balancing },
  });
}

function clientPassword(n: number): string {
  return `client-password-${n}`;
}

async function connect(proxy: ProxyServer, password: string): Promise<pg.Client> {
  const client = new pg.Client({ host: '127.0.0.1', port: proxy.port, user: 'postgres', password, database: 'postgres' });
  client.on('error', () => undefined);
  await client.connect();
  return client;
}

async function pidOf(result: Promise<pg.QueryResult>): Promise<number> {
  return Number((await result).rows[0].pid);
}

/**
 * BEGIN; INSERT; SELECT the row; SELECT; COMMIT, each statement reporting its pg_backend_pid(). `midway` runs
 * between the statements (a reload). Returns the pids and whether the transaction's own row was visible.
 */
async function writeTransaction(client: pg.Client, tag: string, midway: () => void): Promise<{ pids: number[]; sawOwnRow: boolean }> {
  await client.query('BEGIN');
  const pids = [await pidOf(client.query('INSERT INTO reload_tx (tag) VALUES ($1) RETURNING pg_backend_pid() AS pid', [tag]))];
  midway();
  const seen = await client.query<{ pid: number; n: number }>(`SELECT pg_backend_pid() AS pid, count(*)::int AS n FROM reload_tx WHERE tag = '${tag}'`);
  pids.push(seen.rows[0].pid);
  pids.push(await pidOf(client.query('SELECT pg_backend_pid() AS pid')));
  pids.push(await pidOf(client.query('SELECT pg_backend_pid() AS pid, $1::text AS tag', [tag])));
  await client.query('COMMIT');
  return { pids, sawOwnRow: seen.rows[0].n === 1 };
}

/** BEGIN; INSERT; SELECT 1/0; SELECT 2; COMMIT: the statements after the error get 25P02, COMMIT rolls back. */
async function failedTransaction(client: pg.Client, tag: string, midway: () => void): Promise<string[]> {
  await client.query('BEGIN');
  await client.query('INSERT INTO reload_tx (tag) VALUES ($1)', [tag]);
  const outcomes = [await sqlstateOf(client.query('SELECT 1/0'))];
  midway();
  outcomes.push(await sqlstateOf(client.query('SELECT 2')));
  outcomes.push(await sqlstateOf(client.query('SELECT $1::int', [3])));
  outcomes.push((await client.query('COMMIT')).command);
  return outcomes;
}

/** BEGIN READ ONLY (with load balancing it runs on the standby): its reads stay on its server, a write fails. */
async function readOnlyTransaction(client: pg.Client, midway: () => void): Promise<{ pids: number[]; write: string }> {
  await client.query('BEGIN READ ONLY');
  const pids = [await pidOf(client.query('SELECT pg_backend_pid() AS pid'))];
  midway();
  pids.push(await pidOf(client.query('SELECT pg_backend_pid() AS pid')));
  const write = await sqlstateOf(client.query("INSERT INTO reload_tx (tag) VALUES ('read-only')"));
  await client.query('ROLLBACK');
  return { pids, write };
}

const variants: Variant[] = [
  { mode: 'transaction', balancing: true },
  { mode: 'transaction', balancing: false },
  { mode: 'session', balancing: true },
  { mode: 'session', balancing: false },
];

describe.each(variants)('transactions across reloads ($mode pooling, load balancing $balancing)', (variant) => {
  let proxy: ProxyServer;

  beforeAll(async () => {
    proxy = await startProxy({ config: configFor(variant, 0), log: silentLogger });
  });

  afterAll(async () => {
    await proxy?.stop(0);
  });

  it(`keeps every statement of a transaction on one server through ${ROUNDS} rounds of concurrent reloads`, async () => {
    let reloads = 0;
    const reload = (): void => void proxy.reload(configFor(variant, ++reloads));
    const prefix = `${variant.mode}-${variant.balancing}`;
    for (let round = 0; round < ROUNDS; round++) {
      // Logins happen before this round's reloads, with the password in force at that moment.
      const password = clientPassword(reloads);
      const clients = await Promise.all(Array.from({ length: WORKERS }, () => connect(proxy, password)));
      try {
        const work = clients.map(async (client, worker) => {
          // Worker 0 reloads in the middle of each of its transactions; the others run theirs alongside.
          const midway = worker === 0 ? reload : () => undefined;
          const tag = `${prefix}-${round}-${worker}`;
          const written = await writeTransaction(client, tag, midway);
          const failed = await failedTransaction(client, `${tag}-failed`, midway);
          const readOnly = await readOnlyTransaction(client, midway);
          return { written, failed, readOnly };
        });
        for (const { written, failed, readOnly } of await Promise.all(work)) {
          expect(new Set(written.pids).size, `pids ${written.pids.join(',')}`).toBe(1);
          expect(written.sawOwnRow).toBe(true);
          expect(failed).toEqual(['22012', '25P02', '25P02', 'ROLLBACK']);
          expect(new Set(readOnly.pids).size, `pids ${readOnly.pids.join(',')}`).toBe(1);
          expect(readOnly.write).toBe('25006');
        }
      } finally {
        await Promise.all(clients.map((client) => client.end()));
      }
    }
    expect(reloads).toBeGreaterThanOrEqual(ROUNDS * 3);
    const rows = await cluster.query<{ tag: string }>(cluster.primary, 'SELECT tag FROM reload_tx WHERE tag LIKE $1', [`${prefix}-%`]);
    const tags = rows.map((r) => r.tag);
    expect(tags.filter((tag) => tag.endsWith('-failed'))).toEqual([]);
    expect(tags).toHaveLength(ROUNDS * WORKERS);
    // Every reload builds a new router: the one it replaced (and a stopped proxy's) keeps no catalog connection.
    await eventually('at most the current router\'s catalog connection', () => cluster.query<{ n: number }>(cluster.primary, CATALOG_CONNECTIONS),
      (rows) => rows[0].n <= 1, 5000);
  }, 120_000);
});

describe('a reload that moves a node to another address', () => {
  let proxy: ProxyServer;
  const nodeAt = (node: { host: string; port: number }): ProxyConfig => proxyConfigFor(cluster, {
    backends: [{ name: 'node', host: node.host, port: node.port, role: 'primary' }],
    pool: { mode: 'transaction', size: 4 },
  });

  beforeAll(async () => {
    proxy = await startProxy({ config: nodeAt(cluster.primary), log: silentLogger });
  });

  afterAll(async () => {
    await proxy?.stop(0);
  });

  async function portAndPid(client: pg.Client): Promise<{ port: number; pid: number }> {
    const { rows } = await client.query<{ port: number; pid: number }>("SELECT current_setting('port')::int AS port, pg_backend_pid() AS pid");
    return rows[0];
  }

  it('lets an open transaction finish on its server, then retires every server to the old address', async () => {
    const inTransaction = await connect(proxy, cluster.password);
    const autocommit = await connect(proxy, cluster.password);
    try {
      await inTransaction.query('BEGIN');
      const before = await portAndPid(inTransaction);
      expect((await portAndPid(autocommit)).port).toBe(cluster.primary.port); // leaves an idle server behind
      // The same node id now lives at the standby's address (a replaced instance, say).
      await proxy.reload(nodeAt(cluster.standbys[0]));
      expect(await portAndPid(inTransaction)).toEqual(before);
      expect((await portAndPid(autocommit)).port).toBe(cluster.standbys[0].port);
      await inTransaction.query('COMMIT');
      expect((await portAndPid(inTransaction)).port).toBe(cluster.standbys[0].port);
      const toPrimary = "SELECT count(*)::int AS n FROM pg_stat_activity WHERE backend_type = 'client backend' AND pid <> pg_backend_pid()";
      await eventually('no proxy server connection left on the old address', () => cluster.query<{ n: number }>(cluster.primary, toPrimary),
        (rows) => rows[0].n === 0);
    } finally {
      await Promise.all([inTransaction.end(), autocommit.end()]);
    }
  });
});

// `workers: 2` as a real process: two event loops accept on one port and behave as one proxy. Connections land on
// both; the pool size of a node holds across them under load (counted in pg_stat_activity); SHOW and /metrics
// add both up; a CancelRequest accepted by the worker that did not issue the key still cancels; SIGHUP reaches
// both; one health check runs (one monitor connection per node) and a detached node is down in both; SIGTERM
// lets both drain their transactions and the process exits 0.
import { connect } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type pg from 'pg';
import { serialize } from 'pg-protocol';
import { eventually, startPgCluster, type PgCluster } from '../../support/pg-cluster.ts';
import { metricValue, startWorkerProxy, type WorkerProxy } from './worker-proxy-process.ts';

const POOL_SIZE = 3;
const CLIENTS = 24;

let cluster: PgCluster;
let proxy: WorkerProxy;
const clients: pg.Client[] = [];

beforeAll(async () => {
  cluster = await startPgCluster({ standbys: 1 });
  proxy = await startWorkerProxy(cluster, 2, {
    pool: { size: POOL_SIZE, queueTimeoutMs: 30_000, shutdownGraceMs: 20_000 },
    router: { loadBalancing: false },
    healthCheck: { periodMs: 500 },
  });
  for (let i = 0; i < CLIENTS; i++) clients.push(await proxy.client({ application_name: `c${i}` }));
}, 120_000);

afterAll(async () => {
  proxy?.kill();
  await cluster?.stop();
});

interface WorkerRow {
  worker: string;
  clients_connected: string;
  transactions: string;
  queries: string;
  nodes_up: string;
  cancels_forwarded: string;
}

const workers = (): Promise<WorkerRow[]> => proxy.admin<WorkerRow>('SHOW WORKERS');
const sum = (rows: WorkerRow[], column: keyof WorkerRow): number => rows.reduce((n, r) => n + Number(r[column]), 0);

/** Server connections of the proxy's pools to the primary: every client backend but the monitor's and ours. */
async function primaryServers(): Promise<number> {
  const rows = await cluster.query<{ n: string }>(cluster.primary,
    "SELECT count(*) AS n FROM pg_stat_activity WHERE backend_type = 'client backend' AND application_name NOT IN ('pgtopo-monitor', 'sampler') AND pid <> pg_backend_pid()");
  return Number(rows[0].n);
}

describe('workers: 2', () => {
  it('accepts on both workers: connections land on each, SHOW CLIENTS lists them all', async () => {
    const rows = await workers();
    expect(rows.map((r) => r.worker)).toEqual(['0', '1']);
    for (const row of rows) expect(Number(row.clients_connected)).toBeGreaterThan(0);
    expect(sum(rows, 'clients_connected')).toBe(CLIENTS);
    const listed = await proxy.admin<{ application_name: string; worker: string }>('SHOW CLIENTS');
    expect(listed.map((c) => c.application_name).sort()).toEqual(clients.map((_, i) => `c${i}`).sort());
    expect(new Set(listed.map((c) => c.worker))).toEqual(new Set(['0', '1']));
  });

  it('holds the pool size across workers under load, and SHOW and /metrics add both workers up', async () => {
    let highest = 0;
    let loading = true;
    const sampler = (async () => {
      while (loading) highest = Math.max(highest, await primaryServers());
    })();
    const rounds = 15;
    await Promise.all(clients.map(async (c) => {
      for (let i = 0; i < rounds; i++) await c.query('SELECT pg_sleep(0.002)');
    }));
    loading = false;
    await sampler;
    expect(highest).toBeGreaterThan(0);
    expect(highest).toBeLessThanOrEqual(POOL_SIZE);
    const pools = await proxy.admin<{ sv_active: string; sv_idle: string; sv_opening: string }>('SHOW POOLS');
    expect(pools).toHaveLength(1);
    expect(Number(pools[0].sv_active) + Number(pools[0].sv_idle) + Number(pools[0].sv_opening)).toBeLessThanOrEqual(POOL_SIZE);
    const perWorker = await workers();
    for (const row of perWorker) expect(Number(row.transactions)).toBeGreaterThan(0);
    const [stats] = await proxy.admin<{ transactions: string; queries: string }>('SHOW STATS');
    expect(Number(stats.transactions)).toBe(sum(perWorker, 'transactions'));
    expect(Number(stats.transactions)).toBeGreaterThanOrEqual(CLIENTS * rounds);
    const metrics = await proxy.metrics();
    expect(metricValue(metrics, 'pgtopo_proxy_queries_total')).toBe(Number(stats.queries));
    expect(metricValue(metrics, 'pgtopo_proxy_transaction_duration_seconds_count')).toBe(Number(stats.transactions));
    expect(metricValue(metrics, 'pgtopo_proxy_client_connections{state="idle"}')).toBe(CLIENTS);
    expect(metrics.match(/^pgtopo_proxy_backend_status\{node="primary"/gm)).toHaveLength(1);
  });

  it('cancels a session whichever worker accepts the CancelRequest (repeated until three went across)', async () => {
    const session = clients[0] as pg.Client & { processID: number; secretKey: number };
    let across = 0;
    for (let round = 0; round < 40 && across < 3; round++) {
      const before = sum(await workers(), 'cancels_forwarded');
      const sleeping = session.query('SELECT pg_sleep(30)').then(() => 'finished', (error: { code?: string }) => error.code);
      await eventually('pg_sleep running', () => cluster.query<{ n: string }>(cluster.primary, "SELECT count(*) AS n FROM pg_stat_activity WHERE query = 'SELECT pg_sleep(30)' AND state = 'active'"), (rows) => rows[0].n === '1');
      await sendCancel(proxy.port, session.processID, session.secretKey);
      expect(await sleeping).toBe('57014');
      across += sum(await workers(), 'cancels_forwarded') - before;
    }
    expect(across).toBe(3);
  });

  it('runs one health check for both workers, and both see a node an admin detached', async () => {
    const monitors = async (node: { host: string; port: number }): Promise<number> =>
      Number((await cluster.query<{ n: string }>(node, "SELECT count(*) AS n FROM pg_stat_activity WHERE application_name = 'pgtopo-monitor'"))[0].n);
    await eventually('monitor connections', async () => [await monitors(cluster.primary), await monitors(cluster.standbys[0])], (n) => n[0] >= 1 && n[1] >= 1);
    expect([await monitors(cluster.primary), await monitors(cluster.standbys[0])]).toEqual([1, 1]);
    await proxy.admin('DETACH NODE 1');
    await eventually('both workers see node 1 down', workers, (rows) => rows.every((r) => r.nodes_up === '1'));
    await proxy.admin('ATTACH NODE 1');
    await eventually('both workers see node 1 up', workers, (rows) => rows.every((r) => r.nodes_up === '2'));
  });

  it('reloads both workers on SIGHUP: a user added to the file logs in through each', async () => {
    await cluster.query(cluster.primary, `CREATE ROLE late LOGIN PASSWORD '${cluster.password}'`);
    proxy.writeConfig({
      pool: { size: POOL_SIZE, queueTimeoutMs: 30_000, shutdownGraceMs: 20_000 },
      router: { loadBalancing: false },
      healthCheck: { periodMs: 500 },
      users: [{ name: 'postgres', password: cluster.password, admin: true }, { name: 'late', password: cluster.password }],
      hba: [{ type: 'host', database: 'all', user: 'all', address: 'all', method: 'scram-sha-256' }],
    });
    proxy.signal('SIGHUP');
    await eventually('both workers reloaded', async () => proxy.stderr.match(/"proxy\.worker\d","msg":"configuration reloaded"/g)?.length ?? 0, (n) => n === 2);
    const before = await workers();
    const late: pg.Client[] = [];
    // Until both workers accepted one: each login as `late` succeeds only where the reload arrived.
    for (let i = 0; i < 40; i++) {
      late.push(await proxy.client({ user: 'late' }));
      const now = await workers();
      if (now.every((row, w) => Number(row.clients_connected) > Number(before[w].clients_connected))) break;
    }
    const after = await workers();
    after.forEach((row, w) => expect(Number(row.clients_connected)).toBeGreaterThan(Number(before[w].clients_connected)));
    await Promise.all(late.map((c) => c.end()));
  });

  it('drains both workers on SIGTERM: open transactions finish, then the process exits 0', async () => {
    // One client of each worker in a transaction (fewer than the pool size, so neither waits for a server).
    const listed = await proxy.admin<{ application_name: string; worker: string }>('SHOW CLIENTS');
    const inTransaction = ['0', '1'].map((worker) => {
      const name = listed.find((c) => c.worker === worker && c.application_name.startsWith('c'))?.application_name;
      return clients[Number(name?.slice(1))];
    });
    await Promise.all(inTransaction.map((c) => c.query('BEGIN')));
    proxy.signal('SIGTERM');
    await eventually('both workers stopping', async () => proxy.stderr.match(/"proxy\.worker\d","msg":"proxy stopping"/g)?.length ?? 0, (n) => n === 2);
    for (const c of inTransaction) {
      expect((await c.query('SELECT 1 AS one')).rows[0].one).toBe(1);
      await c.query('COMMIT');
    }
    expect(await proxy.exited).toBe(0);
    expect(proxy.stderr.match(/"msg":"proxy stopped"/g)?.length).toBe(3); // two workers and the supervisor
  });
});

function sendCancel(port: number, pid: number, secret: number): Promise<void> {
  return new Promise((resolve, reject) => {
    const socket = connect({ host: '127.0.0.1', port }, () => socket.end(serialize.cancel(pid, secret)));
    socket.on('error', reject);
    socket.on('close', () => resolve());
  });
}

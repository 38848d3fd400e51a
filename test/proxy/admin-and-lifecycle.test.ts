// Operating the proxy: admin console, client auth through hba, TLS, metrics/healthz, reload without dropping
// clients, PAUSE/RESUME, and graceful stop letting an open transaction finish.
import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import pg from 'pg';
import { startPgCluster, type PgCluster } from '../support/pg-cluster.ts';
import { scramVerifierString } from '../../proxy/auth/scram-verifier.ts';
import { silentLogger } from '../../proxy/log.ts';
import { loadProxyConfig } from '../../proxy/proxy-config.ts';
import { startProxy, type ProxyServer } from '../../proxy/server.ts';
import { sqlstateOf } from './proxy-fixture.ts';

let cluster: PgCluster;
let proxy: ProxyServer;
let dir: string;
let configPath: string;

const APP_PASSWORD = 'app-secret-1';

function writeConfig(extraUsers: object[] = [], appSecret = verifier): void {
  const config = {
    listen: { host: '127.0.0.1', port: 0 },
    metrics: { host: '127.0.0.1', port: 0 },
    tls: { certFile: join(dir, 'cert.pem'), keyFile: join(dir, 'key.pem') },
    backends: [{ name: 'primary', host: cluster.primary.host, port: cluster.primary.port }],
    pool: { mode: 'transaction', size: 3, shutdownGraceMs: 5000 },
    users: [
      { name: 'postgres', password: cluster.password, admin: true },
      { name: 'app', secret: appSecret, password: APP_PASSWORD },
      ...extraUsers,
    ],
    hba: [
      { type: 'hostssl', database: 'all', user: 'tlsonly', address: 'all', method: 'scram-sha-256' },
      { type: 'host', database: 'all', user: 'tlsonly', address: 'all', method: 'reject' },
      { type: 'host', database: 'all', user: 'all', address: '127.0.0.1/32', method: 'scram-sha-256' },
    ],
  };
  writeFileSync(configPath, JSON.stringify(config));
}

let verifier: string;

beforeAll(async () => {
  cluster = await startPgCluster({ standbys: 0 });
  dir = mkdtempSync(join(tmpdir(), 'pgtopo-proxy-test-'));
  configPath = join(dir, 'proxy.json');
  execFileSync('openssl', ['req', '-x509', '-newkey', 'rsa:2048', '-nodes', '-keyout', join(dir, 'key.pem'), '-out', join(dir, 'cert.pem'), '-subj', '/CN=localhost', '-days', '1'], { stdio: 'ignore' });
  const admin = new pg.Client({ connectionString: cluster.connectionString(cluster.primary) });
  await admin.connect();
  await admin.query(`CREATE ROLE app LOGIN PASSWORD '${APP_PASSWORD}'`);
  await admin.query(`CREATE ROLE tlsonly LOGIN PASSWORD '${APP_PASSWORD}'`);
  await admin.end();
  verifier = await scramVerifierString(APP_PASSWORD);
  writeConfig();
  proxy = await startProxy({ configPath, log: silentLogger });
});

afterAll(async () => {
  await proxy?.stop(0);
  await cluster?.stop();
  if (dir) rmSync(dir, { recursive: true, force: true });
});

function connect(options: Partial<pg.ClientConfig> = {}): Promise<pg.Client> {
  const client = new pg.Client({ host: '127.0.0.1', port: proxy.port, user: 'app', password: APP_PASSWORD, database: 'postgres', ...options });
  client.on('error', () => undefined);
  return client.connect().then(() => client);
}

async function admin(sql: string): Promise<pg.QueryResult> {
  const client = await connect({ user: 'postgres', password: cluster.password, database: 'pgtopo' });
  try {
    return await client.query(sql);
  } finally {
    await client.end();
  }
}

describe('client authentication', () => {
  it('accepts SCRAM with the right password and refuses a wrong one with 28P01', async () => {
    const ok = await connect();
    expect((await ok.query('SELECT current_user AS u')).rows[0].u).toBe('app');
    await ok.end();
    expect(await sqlstateOf(connect({ password: 'wrong' }))).toBe('28P01');
  });

  it('serves TLS when asked and enforces hostssl rules', async () => {
    const secure = await connect({ user: 'postgres', password: cluster.password, ssl: { rejectUnauthorized: false } });
    expect((await secure.query('SELECT 1 AS one')).rows[0].one).toBe(1);
    await secure.end();
    expect(await sqlstateOf(connect({ user: 'tlsonly' }))).toBe('28000');
  });
});

describe('admin console', () => {
  it('lets a client leave with Terminate without sending it an error', async () => {
    const client = new pg.Client({ host: '127.0.0.1', port: proxy.port, user: 'postgres', password: cluster.password, database: 'pgtopo' });
    const errors: string[] = [];
    client.on('error', (error) => errors.push(error.message));
    await client.connect();
    await client.query('SHOW POOLS');
    await client.end();
    expect(errors).toEqual([]);
  });

  it('answers SHOW POOL_NODES with Pgpool-II columns', async () => {
    const result = await admin('SHOW POOL_NODES');
    expect(result.fields.map((f) => f.name)).toEqual([
      'node_id', 'hostname', 'port', 'status', 'lb_weight', 'role', 'select_cnt', 'load_balance_node', 'replication_delay', 'last_status_change',
    ]);
    expect(result.rows[0]).toMatchObject({ node_id: '0', port: String(cluster.primary.port), status: 'up', role: 'primary' });
  });

  it('shows pools, clients, servers, stats and config without secrets', async () => {
    const client = await connect();
    await client.query('SELECT 1');
    const pools = await admin('SHOW POOLS');
    expect(pools.rows.some((r) => r.user === 'app' && r.database === 'postgres')).toBe(true);
    const clients = await admin('SHOW CLIENTS');
    expect(clients.rows.some((r) => r.user === 'app')).toBe(true);
    const servers = await admin('SHOW SERVERS');
    expect(servers.rows.length).toBeGreaterThan(0);
    const stats = await admin('SHOW STATS');
    expect(Number(stats.rows[0].transactions)).toBeGreaterThan(0);
    const config = await admin('SHOW CONFIG');
    const text = JSON.stringify(config.rows);
    expect(text).toContain('pool.mode');
    expect(text).not.toContain(APP_PASSWORD);
    expect(text).not.toContain(cluster.password);
    expect(text).not.toContain('SCRAM-SHA-256$');
    const route = await admin('SHOW ROUTE FOR SELECT 1');
    expect(route.rows[0].node).toBe('primary');
    await client.end();
  });

  it('refuses non-admin users and unknown commands', async () => {
    expect(await sqlstateOf(connect({ database: 'pgtopo' }))).toBe('42501');
    expect(await sqlstateOf(admin('SHOW NONSENSE'))).toBe('42601');
  });

  it('SHOW HELP lists the commands, and every SHOW it lists is one the console takes', async () => {
    const help = await admin('SHOW HELP');
    const commands = help.rows.map((row) => String(row.command));
    expect(commands).toEqual(expect.arrayContaining(['SHOW POOL_NODES', 'SHOW ROUTE FOR <sql>', 'RELOAD', 'PROMOTE NODE <id>']));
    for (const command of commands.filter((listed) => listed.startsWith('SHOW ') && !listed.includes('<'))) {
      // A SHOW the proxy cannot answer here (no watchdog: 55000) is still a command it knows.
      expect(await admin(command).then(() => 'ok', (error: { code?: string }) => error.code), command).not.toBe('42601');
    }
    expect(await admin('SHOW ROUTE FOR SELECT 1').then(() => 'ok')).toBe('ok');
  });

  it('PAUSE holds new transactions until RESUME', async () => {
    const client = await connect();
    await admin('PAUSE');
    let done = false;
    const query = client.query('SELECT 42 AS n').then((r) => {
      done = true;
      return r;
    });
    await new Promise((resolve) => setTimeout(resolve, 300));
    expect(done).toBe(false);
    await admin('RESUME');
    expect((await query).rows[0].n).toBe(42);
    await client.end();
  });

  // The janitor (every 1 s) used to serve a paused pool's queue: release() put the idle server back, forever, and the
  // proxy stopped answering anyone. Each round keeps the pause over more than one janitor pass.
  it('stays responsive through a PAUSE longer than a janitor pass with a client queued, and RESUME serves it (3 rounds)', async () => {
    for (let round = 0; round < 3; round++) {
      const client = await connect();
      await client.query('SELECT 1'); // leaves an idle server in the pool
      await admin('PAUSE');
      const query = client.query('SELECT 42 AS n');
      await new Promise((resolve) => setTimeout(resolve, 1500)); // waits for a janitor pass, not for an outcome
      expect((await admin('SHOW POOLS')).rows.length, `round ${round}`).toBeGreaterThan(0);
      await admin('RESUME');
      expect((await query).rows[0].n).toBe(42);
      await client.end();
    }
  });
});

describe('metrics', () => {
  it('exposes Prometheus metrics and a healthz that does not touch databases', async () => {
    const base = `http://127.0.0.1:${proxy.metricsPort}`;
    const metrics = await (await fetch(`${base}/metrics`)).text();
    for (const name of ['pgtopo_proxy_client_connections', 'pgtopo_proxy_pool_waits_total', 'pgtopo_proxy_routed_transactions_total',
      'pgtopo_proxy_pinned_clients', 'pgtopo_proxy_errors_total', 'pgtopo_proxy_transaction_duration_seconds_bucket']) {
      expect(metrics).toContain(name);
    }
    expect(metrics).toMatch(/pgtopo_proxy_routed_transactions_total\{route="primary",node="primary"\} [1-9]/);
    expect((await fetch(`${base}/healthz`)).status).toBe(200);
  });
});

describe('reload and graceful stop', () => {
  it('reload adds a user without dropping connected clients', async () => {
    const client = await connect();
    await client.query('BEGIN');
    expect(await sqlstateOf(connect({ user: 'tlsonly', ssl: { rejectUnauthorized: false } }))).toBe('28P01');
    writeConfig([{ name: 'tlsonly', password: APP_PASSWORD }]);
    await admin('RELOAD');
    expect((await loadProxyConfig(configPath)).users.map((u) => u.name)).toContain('tlsonly');
    await client.query('COMMIT');
    expect((await client.query('SELECT 7 AS n')).rows[0].n).toBe(7);
    const added = await connect({ user: 'tlsonly', ssl: { rejectUnauthorized: false } });
    expect((await added.query('SELECT current_user AS u')).rows[0].u).toBe('tlsonly');
    await added.end();
    await client.end();
  });

  it('reload with a changed secret refuses the old password and accepts the new one', async () => {
    await (await connect()).end(); // the old secret has served a login before the reload
    writeConfig([], await scramVerifierString('app-secret-2'));
    await admin('RELOAD');
    expect(await sqlstateOf(connect())).toBe('28P01');
    const renewed = await connect({ password: 'app-secret-2' });
    expect((await renewed.query('SELECT current_user AS u')).rows[0].u).toBe('app');
    await renewed.end();
    writeConfig();
    await admin('RELOAD');
  });

  it('stop lets an open transaction commit, refuses new clients, then closes', async () => {
    const direct = new pg.Client({ connectionString: cluster.connectionString(cluster.primary) });
    await direct.connect();
    await direct.query('CREATE TABLE shutdown_probe (x int)');
    await direct.query('GRANT ALL ON shutdown_probe TO app');
    const inTx = await connect();
    await inTx.query('BEGIN');
    await inTx.query('INSERT INTO shutdown_probe VALUES (1)');
    const stopped = proxy.stop(5000);
    await new Promise((resolve) => setTimeout(resolve, 200));
    expect(await sqlstateOf(connect())).not.toBe('no error');
    expect((await fetch(`http://127.0.0.1:${proxy.metricsPort}/healthz`)).status).toBe(503);
    await inTx.query('COMMIT');
    await stopped;
    expect(await sqlstateOf(inTx.query('SELECT 1'))).not.toBe('no error');
    const rows = await direct.query('SELECT count(*)::int AS n FROM shutdown_probe');
    expect(rows.rows[0].n).toBe(1);
    await direct.end();
  });
});

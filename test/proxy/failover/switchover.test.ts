// PROMOTE NODE (switchover) through the admin console: the live primary is fenced (read-only, sessions ended), the
// chosen standby catches up and is promoted, the other standby follows it, and the old primary is a false primary.
// A switchover that cannot be carried out says so and leaves the old primary in place.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { eventually, startPgCluster, type PgCluster } from '../../support/pg-cluster.ts';
import { sqlstateOf, startProxyFor, type ProxyUnderTest } from '../proxy-fixture.ts';
import { adminQuery } from '../health/admin-console.ts';

let cluster: PgCluster;

// The least privileges the monitor needs for checks, lag, promotion, re-pointing and the switchover fence
// (documented in proxy/README.md); the test runs every one of those steps with them.
const MONITOR_PASSWORD = 'monitor-secret-1';
const MONITOR_GRANTS = [
  `CREATE ROLE pgtopo_monitor LOGIN PASSWORD '${MONITOR_PASSWORD}'`,
  'GRANT pg_monitor, pg_signal_backend TO pgtopo_monitor',
  'GRANT EXECUTE ON FUNCTION pg_promote(boolean, integer) TO pgtopo_monitor',
  'GRANT EXECUTE ON FUNCTION pg_reload_conf() TO pgtopo_monitor',
  'GRANT ALTER SYSTEM ON PARAMETER primary_conninfo, default_transaction_read_only TO pgtopo_monitor',
];
let px: ProxyUnderTest;

beforeAll(async () => {
  cluster = await startPgCluster({ standbys: 2 });
  for (const grant of MONITOR_GRANTS) await cluster.query(cluster.primary, grant);
  await cluster.query(cluster.primary, 'CREATE TABLE ticks (id bigserial PRIMARY KEY, at timestamptz NOT NULL DEFAULT clock_timestamp())');
  px = await startProxyFor(cluster, {
    backends: [
      { name: 'primary', host: cluster.primary.host, port: cluster.primary.port, role: 'primary' },
      { name: 'standby1', host: cluster.standbys[0].host, port: cluster.standbys[0].port, role: 'standby' },
      { name: 'standby2', host: cluster.standbys[1].host, port: cluster.standbys[1].port, role: 'standby', noFailover: true },
    ],
    healthCheck: { periodMs: 1000, timeoutMs: 1000, retries: 1, retryDelayMs: 200 },
    failover: { enabled: true },
    monitor: { user: 'pgtopo_monitor', password: MONITOR_PASSWORD },
  });
}, 120_000);

afterAll(async () => {
  await px?.proxy.stop(0);
  await cluster?.stop();
});

const admin = (sql: string): Promise<Record<string, string>[]> => adminQuery(px, sql);

async function write(): Promise<number> {
  const client = await px.client();
  try {
    return (await client.query("INSERT INTO ticks DEFAULT VALUES RETURNING current_setting('port')::int AS port")).rows[0].port;
  } finally {
    await client.end();
  }
}

describe('PROMOTE NODE', () => {
  it('reports a switchover it cannot carry out and keeps the old primary taking writes', async () => {
    await cluster.query(cluster.primary, 'REVOKE ALTER SYSTEM ON PARAMETER default_transaction_read_only FROM pgtopo_monitor');
    try {
      const failure = await admin('PROMOTE NODE 1').then(() => null, (error: { code?: string; message: string }) => error);
      expect(failure).toMatchObject({ code: '55000', message: expect.stringContaining('permission denied') });
      const nodes = await admin('SHOW POOL_NODES');
      expect(nodes.find((r) => r.node_id === '0')).toMatchObject({ role: 'primary', status: 'up' });
      expect(nodes.find((r) => r.node_id === '1')).toMatchObject({ role: 'standby' });
      expect(await write()).toBe(cluster.primary.port);
    } finally {
      await cluster.query(cluster.primary, 'GRANT ALTER SYSTEM ON PARAMETER default_transaction_read_only TO pgtopo_monitor');
    }
  }, 60_000);

  it('refuses a DISALLOW_TO_FAILOVER standby, then switches over to another one without losing a committed write', async () => {
    expect(await write()).toBe(cluster.primary.port);
    expect(await sqlstateOf(admin('PROMOTE NODE 2'))).toBe('55000');
    expect(await sqlstateOf(admin('DETACH NODE 2'))).toBe('55000');
    const [{ n: before }] = await cluster.query<{ n: number }>(cluster.primary, 'SELECT count(*)::int AS n FROM ticks');

    await admin('PROMOTE NODE 1');
    expect(await write()).toBe(cluster.standbys[0].port);
    const [{ n: after }] = await cluster.query<{ n: number }>(cluster.standbys[0], 'SELECT count(*)::int AS n FROM ticks');
    expect(after).toBe(before + 1);

    const nodes = await admin('SHOW POOL_NODES');
    expect(nodes.find((r) => r.node_id === '0')).toMatchObject({ role: 'false primary', status: 'down' });
    expect(nodes.find((r) => r.node_id === '1')).toMatchObject({ role: 'primary', status: 'up' });
    await eventually('standby2 to stream from the new primary',
      () => cluster.query(cluster.standbys[0], "SELECT application_name FROM pg_stat_replication WHERE state = 'streaming'"),
      (rows) => rows.some((r) => r.application_name === 'standby2'));
    // The fenced old primary refuses writes even from a direct session.
    const code = await sqlstateOf(cluster.query(cluster.primary, 'INSERT INTO ticks DEFAULT VALUES'));
    expect(code).toBe('25006');
  }, 60_000);
});

// The proxy's own connections to the backends (health checks, which failover runs on, and the router's catalog
// lookups) find a backend's host name the way pooled server connections do: through dns.servers, the answer kept
// for its TTL. The names here exist only on the test's DNS server, so the system resolver, which these connections
// used before, cannot find them: the checks would fail and no catalog lookup would connect.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { eventually, startPgCluster, type PgCluster } from '../../support/pg-cluster.ts';
import { startTestDnsServer, type TestDnsServer } from '../../support/test-dns-server.ts';
import { startProxyFor, type ProxyUnderTest } from '../proxy-fixture.ts';
import { adminQuery } from '../health/admin-console.ts';

const PRIMARY_NAME = 'primary.orders.pgtopo.test';
const STANDBY_NAME = 'standby.orders.pgtopo.test';
const TTL_SECONDS = 1;

let cluster: PgCluster;
let dns: TestDnsServer;
let px: ProxyUnderTest;

beforeAll(async () => {
  cluster = await startPgCluster({ standbys: 1 });
  await cluster.query(cluster.primary, "CREATE FUNCTION orders_total() RETURNS int STABLE LANGUAGE sql AS 'SELECT 1'");
  dns = await startTestDnsServer();
  dns.set(PRIMARY_NAME, [cluster.primary.host], TTL_SECONDS);
  dns.set(STANDBY_NAME, [cluster.standbys[0].host], TTL_SECONDS);
  px = await startProxyFor(cluster, {
    backends: [
      { name: 'primary', host: PRIMARY_NAME, port: cluster.primary.port, role: 'primary' },
      { name: 'standby1', host: STANDBY_NAME, port: cluster.standbys[0].port, role: 'standby' },
    ],
    dns: { servers: [dns.server] },
    healthCheck: { periodMs: 300, timeoutMs: 2000, retries: 0, retryDelayMs: 100 },
  });
}, 120_000);

afterAll(async () => {
  await px?.proxy.stop(0);
  await Promise.all([dns?.close(), cluster?.stop()]);
});

describe('connections of the proxy itself, to backends named in DNS', () => {
  it('health checks reach both nodes by name and see their roles', async () => {
    const nodes = await eventually('both nodes up', () => adminQuery(px, 'SHOW POOL_NODES'),
      (rows) => rows.length === 2 && rows.every((row) => row.status === 'up'));
    expect(nodes.map((row) => `${row.hostname} ${row.role}`)).toEqual([`${PRIMARY_NAME} primary`, `${STANDBY_NAME} standby`]);
  });

  it('the router looks a function up in the catalog over a connection to the primary by name', async () => {
    const client = await px.client();
    try {
      await client.query('SELECT orders_total()'); // unknown to the router: asks pg_proc in the background
    } finally {
      await client.end();
    }
    const lookups = await eventually('a catalog lookup connection on the primary', () => cluster.query<{ n: number }>(cluster.primary,
      "SELECT count(*)::int AS n FROM pg_stat_activity WHERE application_name = 'pgtopo-proxy-catalog'"), (rows) => rows[0].n > 0);
    expect(lookups[0].n).toBe(1);
  });
});

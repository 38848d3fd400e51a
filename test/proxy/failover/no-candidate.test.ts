// A failover with nothing to promote (the only standby detached by an admin) keeps no one detached: the lost
// primary, restarted, takes writes again, and the detached standby was never promoted.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { eventually, startPgCluster, type PgCluster } from '../../support/pg-cluster.ts';
import { sqlstateOf, startProxyFor, type ProxyUnderTest } from '../proxy-fixture.ts';
import { adminQuery } from '../health/admin-console.ts';

let cluster: PgCluster;
let px: ProxyUnderTest;

beforeAll(async () => {
  cluster = await startPgCluster({ standbys: 1 });
  px = await startProxyFor(cluster, {
    healthCheck: { periodMs: 500, timeoutMs: 1000, retries: 0, retryDelayMs: 0 },
    failover: { enabled: true, promoteTimeoutMs: 1000 },
  });
}, 120_000);

afterAll(async () => {
  await px?.proxy.stop(0);
  await cluster?.stop();
});

describe('failover without a candidate', () => {
  it('promotes nothing and takes the old primary back when it returns', async () => {
    await adminQuery(px, 'DETACH NODE 1');
    // Detaching the primary is a failover, refused when nothing can be promoted.
    expect(await sqlstateOf(adminQuery(px, 'DETACH NODE 0'))).toBe('55000');
    expect((await adminQuery(px, 'SHOW POOL_NODES')).find((r) => r.node_id === '0')?.status).toBe('up');
    const writer = await px.client(); // logged in while the primary is up (a login needs a server once per pool)
    await cluster.killPrimary();
    await eventually('the primary to be seen failed', () => adminQuery(px, 'SHOW POOL_NODES'),
      (rows) => rows.find((r) => r.node_id === '0')?.status === 'quarantined');
    const [standby] = cluster.standbys;
    expect((await cluster.query<{ r: boolean }>(standby, 'SELECT pg_is_in_recovery() AS r'))[0].r).toBe(true);
    expect(px.proxy.context.nodeControl?.failovers).toBe(0);
    // A write waits for a primary for the failover timeout, then fails with a connection error clients retry on.
    try {
      const failure = await writer.query('SELECT 1 FROM pg_class FOR SHARE').then(() => null, (error: { code?: string; message: string }) => error);
      expect(failure).toMatchObject({ code: '08006', message: 'no primary is up: the failover did not finish within 1000 ms' });
    } finally {
      await writer.end();
    }
    // So does a login: it would otherwise be welcomed with the standby's parameters (in_hot_standby=on).
    const login = await px.client().then((client) => client.end().then(() => null), (error: { code?: string; message: string }) => error);
    expect(login).toMatchObject({ code: '08006', message: 'no primary is up: the failover did not finish within 1000 ms' });

    await cluster.primary.instance.start();
    await eventually('the old primary to be up again', () => adminQuery(px, 'SHOW POOL_NODES'),
      (rows) => rows.find((r) => r.node_id === '0')?.status === 'up');
    const client = await px.client();
    try {
      const { rows } = await client.query("SELECT current_setting('port')::int AS port, pg_is_in_recovery() AS r");
      expect(rows[0]).toEqual({ port: cluster.primary.port, r: false });
    } finally {
      await client.end();
    }
  }, 60_000);
});

// A standby promoted outside the proxy (by an operator, say) just before the primary dies: the failover must
// follow it, not promote a second standby, or two primaries would take writes.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { eventually, startPgCluster, type PgCluster } from '../../support/pg-cluster.ts';
import { startProxyFor, type ProxyUnderTest } from '../proxy-fixture.ts';

let cluster: PgCluster;
let px: ProxyUnderTest;

beforeAll(async () => {
  cluster = await startPgCluster({ standbys: 2 });
  // A long health-check period: the proxy learns of the promotion only when the failover looks for a standby.
  px = await startProxyFor(cluster, {
    healthCheck: { periodMs: 60_000, timeoutMs: 1000, retries: 0, retryDelayMs: 0 },
    failover: { enabled: true, onBackendError: true },
  });
}, 120_000);

afterAll(async () => {
  await px?.proxy.stop(0);
  await cluster?.stop();
});

describe('failover after a promotion elsewhere', () => {
  it('follows the already promoted standby and promotes no other', async () => {
    const [promoted, other] = cluster.standbys;
    await promoted!.instance.promote();
    await cluster.killPrimary();
    // The first client to reach the dead primary reports it (onBackendError) and starts the failover.
    const port = await eventually('a write through the proxy', async () => {
      const client = await px.client();
      try {
        return (await client.query<{ port: number }>("SELECT current_setting('port')::int AS port FROM (SELECT txid_current()) AS w")).rows[0]!.port;
      } finally {
        await client.end();
      }
    }, (written) => written > 0, 30_000);
    expect(port).toBe(promoted!.port);
    expect((await cluster.query<{ r: boolean }>(other!, 'SELECT pg_is_in_recovery() AS r'))[0]!.r).toBe(true);
    expect(px.proxy.context.nodeControl?.failovers).toBe(0);
  }, 60_000);
});

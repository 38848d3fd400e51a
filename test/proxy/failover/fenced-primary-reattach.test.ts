// A lost primary that comes back in recovery with no upstream (restarted fenced, as pgtopo's local provider does)
// after a standby was promoted is not a rebuilt standby: it holds the timeline the failover left behind. The proxy
// must not re-attach it and send it reads until it streams again (the next apply rewinds it onto the new primary).
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { eventually, startPgCluster, type PgCluster } from '../../support/pg-cluster.ts';
import { startProxyFor, type ProxyUnderTest } from '../proxy-fixture.ts';
import { adminQuery } from '../health/admin-console.ts';

let cluster: PgCluster;
let px: ProxyUnderTest;
const PERIOD_MS = 200;

beforeAll(async () => {
  cluster = await startPgCluster({ standbys: 1 });
  px = await startProxyFor(cluster, {
    healthCheck: { periodMs: PERIOD_MS, timeoutMs: 1000, retries: 0, retryDelayMs: 0 },
    failover: { enabled: true },
  });
}, 120_000);

afterAll(async () => {
  await px?.proxy.stop(0);
  await cluster?.stop();
});

const nodeStatus = async (id: string): Promise<string | undefined> =>
  (await adminQuery(px, 'SHOW POOL_NODES')).find((row) => row.node_id === id)?.status;

describe('a lost primary restarted fenced after the failover', () => {
  it('stays detached while it has no WAL receiver, though it answers in recovery', async () => {
    await cluster.killPrimary();
    await eventually('the standby promoted', () => adminQuery(px, 'SHOW POOL_NODES'),
      (rows) => rows.find((row) => row.node_id === '1')?.role === 'primary');
    await cluster.primary.instance.enterRecovery();
    await cluster.primary.instance.start();
    const [{ r }] = await cluster.query<{ r: boolean }>(cluster.primary, 'SELECT pg_is_in_recovery() AS r');
    expect(r).toBe(true);
    // Twenty probe periods: time enough for the health check to re-attach a node that answers in recovery.
    const seen = new Set<string | undefined>();
    for (let sample = 0; sample < 20; sample++) {
      seen.add(await nodeStatus('0'));
      await new Promise((resolve) => setTimeout(resolve, PERIOD_MS));
    }
    expect([...seen]).toEqual(['down']);
  }, 60_000);
});

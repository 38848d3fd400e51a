// A standby whose health check timed out, and has not answered one since, is re-pointed at the new primary when
// the primary fails. What the proxy knows of it then is "no answer" (a timed-out check keeps the last answer, so
// this is a standby with none), not "primary": the rule before bbe2e71 (`probe?.inRecovery === true`) skipped it
// and left it pointed at the lost primary for good. Deterministic: its monitoring goes through a relay that stalls
// until just before the kill, and its next scheduled check lies far beyond the test.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { eventually, startPgCluster, type PgCluster } from '../../support/pg-cluster.ts';
import { startTcpRelay, type TcpRelay } from '../../support/tcp-relay.ts';
import { startProxyFor, type ProxyUnderTest } from '../proxy-fixture.ts';
import { adminQuery } from '../health/admin-console.ts';

let cluster: PgCluster;
let relay: TcpRelay;
let px: ProxyUnderTest;

beforeAll(async () => {
  cluster = await startPgCluster({ standbys: 2 });
  await cluster.query(cluster.primary, 'CREATE TABLE notes (note text)');
  const [standby1, standby2] = cluster.standbys;
  relay = await startTcpRelay('127.0.0.1', 0, standby2);
  relay.stall(true);
  px = await startProxyFor(cluster, {
    backends: [
      { name: 'primary', host: cluster.primary.host, port: cluster.primary.port, role: 'primary' },
      { name: 'standby1', host: standby1.host, port: standby1.port, role: 'standby' },
      { name: 'standby2', host: relay.host, port: relay.port, role: 'standby' },
    ],
    // standby2 is checked once, at start, through the stalled relay: that check times out and no later one runs.
    healthCheck: { periodMs: 500, timeoutMs: 1000, retries: 0, retryDelayMs: 100, nodes: { standby2: { periodMs: 3_600_000 } } },
    failover: { enabled: true },
  });
}, 120_000);

afterAll(async () => {
  await px?.proxy.stop(0);
  await relay?.close();
  await cluster?.stop();
});

describe('failover with a standby whose last health check timed out', () => {
  it('re-points that standby, which then streams from the new primary', async () => {
    const [standby1, standby2] = cluster.standbys;
    // The check at start times out 1 s after the proxy started, which may be after this test begins.
    const nodes = await eventually('the timed-out check to mark standby2 down', () => adminQuery(px, 'SHOW POOL_NODES'),
      (rows) => rows.find((node) => Number(node.port) === relay.port)?.status !== 'up', 10_000);
    expect(nodes.find((node) => Number(node.port) === relay.port)?.status).toBe('down');
    relay.stall(false); // it answers again, but the proxy has not checked it since the timeout
    await cluster.killPrimary();
    await eventually('a write through the proxy on the new primary', async () => {
      const client = await px.client();
      try {
        return (await client.query<{ port: number }>("INSERT INTO notes VALUES ('after') RETURNING current_setting('port')::int AS port")).rows[0].port;
      } finally {
        await client.end();
      }
    }, (port) => port === standby1.port, 30_000);
    expect(await cluster.waitForStreaming(standby1, ['standby2'])).toContain('standby2');
    await eventually('the write on standby2', () => cluster.query<{ n: number }>(standby2, "SELECT count(*)::int AS n FROM notes WHERE note = 'after'"),
      (rows) => rows[0].n === 1);
  }, 90_000);
});

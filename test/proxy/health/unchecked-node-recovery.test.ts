// Where health and lag checks are off (Aurora's writer and reader endpoints, a Kubernetes operator's Services), a
// node is checked only when a client's server connection to it failed, and routed around while it does not answer.
// Nothing else asked it again, so one unreachable moment (an endpoint failing over, a stalled network) left the
// writer routed around until the proxy was restarted: every login failed with 08006 long after the node was back.
// Here the writer is reached through a relay that drops its connections and leaves new ones unanswered for a
// while, 3 rounds.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { eventually, startPgCluster, type PgCluster } from '../../support/pg-cluster.ts';
import { startTcpRelay, type TcpRelay } from '../../support/tcp-relay.ts';
import { sqlstateOf, startProxyFor, type ProxyUnderTest } from '../proxy-fixture.ts';
import { adminQuery } from './admin-console.ts';

let cluster: PgCluster;
let relay: TcpRelay;
let px: ProxyUnderTest;

beforeAll(async () => {
  cluster = await startPgCluster({ standbys: 0 });
  relay = await startTcpRelay('127.0.0.1', 0, cluster.primary);
  // As the Aurora renderer writes it: the writer flagged always-primary and not to fail over, no periodic checks.
  px = await startProxyFor(cluster, {
    backends: [{ name: 'writer', host: relay.host, port: relay.port, role: 'primary', alwaysPrimary: true, noFailover: true }],
    pool: { mode: 'transaction', size: 2, connectTimeoutMs: 300 },
    healthCheck: { periodMs: 0, timeoutMs: 500, retries: 0, retryDelayMs: 0 },
    replicationCheck: { periodMs: 0 },
    failover: { enabled: false },
  });
});

afterAll(async () => {
  await px?.proxy.stop(0);
  await relay?.close();
  await cluster?.stop();
});

const writerStatus = async (): Promise<string | undefined> => (await adminQuery(px, 'SHOW POOL_NODES'))[0]?.status;
const loginAndQuery = (): Promise<string> => sqlstateOf(px.client().then(async (client) => {
  await client.query('SELECT 1');
  await client.end();
}));

describe('a node with no periodic checks that did not answer', () => {
  it('is checked again until it answers, and then serves logins again (3 rounds)', async () => {
    for (let round = 0; round < 3; round++) {
      relay.stall(true);
      relay.cut(); // the pool's servers and the monitoring connection are gone; new ones go unanswered
      // The query needs a new server, whose connection times out: the proxy checks the writer, which does not answer.
      expect(await loginAndQuery()).toBe('08006');
      await eventually('the writer to be routed around', writerStatus, (status) => status !== 'up', 10_000);
      relay.stall(false);
      await eventually('a login through the writer again', loginAndQuery, (outcome) => outcome === 'no error', 10_000);
      expect(await writerStatus()).toBe('up');
    }
  });
});

// A primary restarted in recovery (a provider fences a returning primary: pgtopo's local provider never starts one
// writable while a failover may be under way) leaves no node taking writes; the failover coordinator must end that
// by promoting the most advanced node (the restarted primary, or after a clean shutdown a standby that received all
// of its WAL: standby-selection.ts breaks a replay tie by WAL on disk, then the lowest id), and exactly one.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { eventually, startPgCluster, type PgCluster, type PgClusterNode } from '../../support/pg-cluster.ts';
import { startProxyFor, type ProxyUnderTest } from '../proxy-fixture.ts';

let cluster: PgCluster;
const proxies: ProxyUnderTest[] = [];

// Retries outlast a restart, so the proxy sees its primary come back in recovery rather than fail.
const settings = {
  healthCheck: { periodMs: 200, timeoutMs: 1000, retries: 10, retryDelayMs: 500 },
  failover: { enabled: true, onBackendError: false },
};

beforeAll(async () => {
  cluster = await startPgCluster({ standbys: 1 });
  await cluster.query(cluster.primary, 'CREATE TABLE marks (note text)');
}, 120_000);

afterAll(async () => {
  for (const px of proxies) await px.proxy.stop(0);
  await cluster?.stop();
});

async function restartInRecovery(node: PgClusterNode): Promise<void> {
  await node.instance.stop('fast');
  await node.instance.enterRecovery();
  await node.instance.start();
}

async function outOfRecovery(): Promise<number[]> {
  const nodes = [cluster.primary, ...cluster.standbys];
  const states = await Promise.all(nodes.map(async (node) => (await cluster.query<{ r: boolean }>(node, 'SELECT pg_is_in_recovery() AS r'))[0]!.r));
  return nodes.filter((_, i) => !states[i]).map((node) => node.port);
}

function writeThrough(px: ProxyUnderTest): Promise<number> {
  return eventually('a write through the proxy', async () => {
    const client = await px.client();
    try {
      return (await client.query<{ port: number }>("INSERT INTO marks VALUES ('w') RETURNING current_setting('port')::int AS port")).rows[0]!.port;
    } finally {
      await client.end();
    }
  }, (port) => port > 0, 30_000);
}

describe('the primary answers in recovery and no node is out of recovery', () => {
  it('promotes one node, and writes go to it', async () => {
    const px = await startProxyFor(cluster, settings);
    proxies.push(px);
    await writeThrough(px);
    await restartInRecovery(cluster.primary);
    const written = await writeThrough(px);
    expect(await outOfRecovery()).toEqual([written]);
    // Counted once pg_promote returns; when the restarted primary itself is promoted, writes may reach it first.
    await eventually('the promotion counted', async () => px.proxy.context.nodeControl?.failovers, (n) => n === 1);
    expect(px.proxy.context.nodeControl?.failovers).toBe(1);
    await px.proxy.stop(0);
  }, 60_000);

  it('a proxy started while every node is in recovery, with no primary configured, promotes one', async () => {
    const nodes = [cluster.primary, ...cluster.standbys];
    const [primaryPort] = await outOfRecovery();
    await restartInRecovery(nodes.find((node) => node.port === primaryPort)!);
    expect(await outOfRecovery()).toEqual([]);
    const backends = nodes.map((node) => ({ name: node.name, host: node.host, port: node.port, role: 'standby' }));
    const px = await startProxyFor(cluster, { ...settings, backends });
    proxies.push(px);
    const written = await writeThrough(px);
    expect(await outOfRecovery()).toEqual([written]);
  }, 60_000);
});

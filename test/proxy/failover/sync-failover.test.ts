// Failover with synchronous replication (ANY 1 of every node): the proxy promotes only a standby that has every
// acknowledged commit. Two ways the asynchronous choice loses them: promoting the standby that has replayed the
// most when another one flushed more, and promoting the only standby that answers when the one holding the
// commits is down as well.
import { afterEach, describe, expect, it } from 'vitest';
import { eventually, startPgCluster, type PgCluster, type PgClusterNode } from '../../support/pg-cluster.ts';
import { repointConninfo } from '../../../proxy/failover/conninfo.ts';
import { sqlstateOf, startProxyFor, type ProxyUnderTest } from '../proxy-fixture.ts';
import { adminQuery } from '../health/admin-console.ts';

const SYNC_SETTINGS = { synchronous_standby_names: 'ANY 1 (primary, standby1, standby2)', synchronous_commit: 'on' };
const HA = {
  healthCheck: { periodMs: 300, timeoutMs: 1000, retries: 0, retryDelayMs: 0 },
  failover: { enabled: true },
  replication: { mode: 'sync', syncStandbys: 1 },
};

let cluster: PgCluster | undefined;
let px: ProxyUnderTest | undefined;

afterEach(async () => {
  await px?.proxy.stop(0);
  await cluster?.stop();
  px = undefined;
  cluster = undefined;
});

async function start(replication: Record<string, unknown> = {}): Promise<{ cluster: PgCluster; px: ProxyUnderTest }> {
  cluster = await startPgCluster({ standbys: 2, settings: SYNC_SETTINGS });
  await cluster.query(cluster.primary, 'CREATE TABLE acked (id int PRIMARY KEY)');
  px = await startProxyFor(cluster, { ...HA, replication: { ...HA.replication, ...replication } });
  return { cluster, px };
}

/** Inserts ids [from, to) through the proxy; each resolved insert is an acknowledged commit. */
async function writeAcked(target: ProxyUnderTest, from: number, to: number): Promise<number[]> {
  const client = await target.client();
  try {
    for (let id = from; id < to; id++) await client.query('INSERT INTO acked VALUES ($1)', [id]);
  } finally {
    await client.end();
  }
  return Array.from({ length: to - from }, (_, i) => from + i);
}

/** Points the standby's walreceiver at a closed port, so it keeps what it has and receives nothing more. */
async function cutOff(pgCluster: PgCluster, standby: PgClusterNode): Promise<void> {
  const [{ primary_conninfo: conninfo }] = await pgCluster.query<{ primary_conninfo: string }>(standby, 'SHOW primary_conninfo');
  await pgCluster.query(standby, `ALTER SYSTEM SET primary_conninfo = '${repointConninfo(conninfo, '127.0.0.1', 1).replaceAll("'", "''")}'`);
  await pgCluster.query(standby, 'SELECT pg_reload_conf()');
  await eventually(`${standby.name} to stop streaming`, () => pgCluster.query(pgCluster.primary, 'SELECT application_name FROM pg_stat_replication'),
    (rows) => !rows.some((r) => r.application_name === standby.name));
}

async function idsOn(pgCluster: PgCluster, node: PgClusterNode): Promise<number[]> {
  return (await pgCluster.query<{ id: number }>(node, 'SELECT id FROM acked ORDER BY id')).map((row) => row.id);
}

async function primaryPort(target: ProxyUnderTest): Promise<number> {
  const client = await target.client();
  try {
    const { rows } = await client.query<{ port: number; r: boolean }>("SELECT current_setting('port')::int AS port, pg_is_in_recovery() AS r");
    if (rows[0].r) throw new Error('still routed to a standby');
    return rows[0].port;
  } finally {
    await client.end();
  }
}

describe('failover with synchronous replication', () => {
  it('promotes the standby that flushed the most, not the one that replayed the most', async () => {
    const { cluster: pgc, px: proxy } = await start();
    const [standby1, standby2] = pgc.standbys;
    const acked = await writeAcked(proxy, 0, 20);
    // standby1 keeps receiving and flushing but replays nothing more; standby2 replays all it gets, then is cut off.
    await pgc.query(standby1, 'SELECT pg_wal_replay_pause()');
    acked.push(...(await writeAcked(proxy, 20, 40)));
    await eventually('standby2 to replay the second batch', () => idsOn(pgc, standby2), (ids) => ids.length === 40);
    await cutOff(pgc, standby2);
    // Acknowledged by standby1 alone: on disk there, replayed nowhere.
    acked.push(...(await writeAcked(proxy, 40, 60)));

    await pgc.killPrimary();
    const port = await eventually('writes through the proxy after the failover', () => primaryPort(proxy), () => true, 30_000);
    expect(port).toBe(standby1.port);
    expect(await idsOn(pgc, standby1)).toEqual(acked);
  }, 90_000);

  it('promotes nothing while the standby holding the acknowledged commits is down, and that one once it is back', async () => {
    const { cluster: pgc, px: proxy } = await start();
    const [standby1, standby2] = pgc.standbys;
    await cutOff(pgc, standby2);
    const acked = await writeAcked(proxy, 0, 50); // acknowledged by standby1 alone
    await standby1.instance.stop('immediate');
    await pgc.killPrimary();

    await eventually('the failover to be refused', () => Promise.resolve(proxy.proxy.context.nodeControl?.refusedFailovers ?? 0), (n) => n >= 2);
    expect(proxy.proxy.context.nodeControl?.failovers).toBe(0);
    expect((await pgc.query<{ r: boolean }>(standby2, 'SELECT pg_is_in_recovery() AS r'))[0].r).toBe(true);
    const { buildMetricsRegistry } = await import('../../../proxy/metrics.ts');
    expect(await buildMetricsRegistry(proxy.proxy.context).metrics()).toMatch(/pgtopo_proxy_failovers_refused_total [1-9]/);

    await standby1.instance.start();
    const port = await eventually('writes through the proxy after the failover', () => primaryPort(proxy), () => true, 30_000);
    expect(port).toBe(standby1.port);
    expect(await idsOn(pgc, standby1)).toEqual(acked);
  }, 90_000);

  it('switches over only to a sync standby', async () => {
    const { px: proxy } = await start({ syncCandidates: ['primary', 'standby1'] });
    expect(await sqlstateOf(adminQuery(proxy, 'PROMOTE NODE 2'))).toBe('55000');
    expect(proxy.proxy.context.nodeControl?.failovers).toBe(0);
  }, 60_000);
});

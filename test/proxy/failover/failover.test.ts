// Automatic failover through the real proxy: a primary and two streaming standbys, pgbench writing through the
// proxy, kill -9 of the primary. The most advanced standby is promoted, the other follows it, writes succeed
// again, and the old primary restarted as it was is a false primary that receives nothing.
import { execFile } from 'node:child_process';
import { readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { eventually, startPgCluster, type PgCluster } from '../../support/pg-cluster.ts';
import { findPgBinaries } from '../../../providers/local/pg-binaries.ts';
import { repointConninfo } from '../../../proxy/failover/conninfo.ts';
import { startProxyFor, type ProxyUnderTest } from '../proxy-fixture.ts';
import { adminQuery } from '../health/admin-console.ts';

const run = promisify(execFile);
let cluster: PgCluster;
let px: ProxyUnderTest;
let follower: ProxyUnderTest;
let hookLog: string;

const HA = {
  healthCheck: { periodMs: 1000, timeoutMs: 1000, retries: 1, retryDelayMs: 200 },
  replicationCheck: { periodMs: 500 },
  failover: { enabled: true },
};

async function writeThroughProxy(target: ProxyUnderTest = px): Promise<number> {
  const client = await target.client();
  try {
    const { rows } = await client.query<{ port: number }>("INSERT INTO ticks DEFAULT VALUES RETURNING current_setting('port')::int AS port");
    return rows[0].port;
  } finally {
    await client.end();
  }
}

beforeAll(async () => {
  cluster = await startPgCluster({ standbys: 2 });
  await cluster.query(cluster.primary, 'CREATE TABLE ticks (id bigserial PRIMARY KEY, at timestamptz NOT NULL DEFAULT clock_timestamp())');
  hookLog = join(cluster.rootDir, 'hooks.log');
  const hooks = {
    failoverCommand: `echo "failover failed=%d new=%m old=%P" >> ${hookLog}`,
    followPrimaryCommand: `echo "follow node=%d primary=%H:%r" >> ${hookLog}`,
  };
  px = await startProxyFor(cluster, { ...HA, failover: { ...HA.failover, ...hooks } });
  // A second proxy of the same tier that is not the coordinator: it must follow, never promote.
  follower = await startProxyFor(cluster, { ...HA, failover: { enabled: true, instanceIndex: 1, coordinatorIndex: 0 } });
}, 120_000);

afterAll(async () => {
  await px?.proxy.stop(0);
  await follower?.proxy.stop(0);
  await cluster?.stop();
});

describe('failover of a killed primary', () => {
  it('promotes the most advanced standby under pgbench load, re-points the other and fences the old primary', async () => {
    const [standby1, standby2] = cluster.standbys;
    // Hold standby2 back: point its walreceiver at a closed port, so standby1 is clearly the most advanced.
    const [{ primary_conninfo: conninfo }] = await cluster.query<{ primary_conninfo: string }>(standby2, 'SHOW primary_conninfo');
    await cluster.query(standby2, `ALTER SYSTEM SET primary_conninfo = '${repointConninfo(conninfo, '127.0.0.1', 1).replaceAll("'", "''")}'`);
    await cluster.query(standby2, 'SELECT pg_reload_conf()');
    await eventually('standby2 to stop streaming', () => cluster.query(cluster.primary, 'SELECT application_name FROM pg_stat_replication'),
      (rows) => !rows.some((r) => r.application_name === 'standby2'));

    const script = join(cluster.rootDir, 'insert.sql');
    await writeFile(script, 'INSERT INTO ticks DEFAULT VALUES;\n');
    const pgbench = `${findPgBinaries().binDir}/pgbench`;
    const env = { ...process.env, PGPASSWORD: cluster.password };
    const args = ['-h', '127.0.0.1', '-p', String(px.port), '-U', 'postgres', '-n', '-c', '4', '-f', script];
    const load = run(pgbench, [...args, '-T', '6', 'postgres'], { env }).then(() => 'completed', (error: Error) => `aborted: ${error.message.split('\n')[0]}`);
    await new Promise((resolve) => setTimeout(resolve, 1500));

    const killedMs = performance.now();
    await cluster.killPrimary();
    const port = await eventually('a write through the proxy after the kill', () => writeThroughProxy(), () => true, 30_000);
    const failoverSeconds = (performance.now() - killedMs) / 1000;
    // The promotion happened before this write succeeded; the old primary must hold nothing written since.
    const promotedBy = new Date();
    console.log(`failover: primary killed -> first successful write through the proxy in ${failoverSeconds.toFixed(2)} s`);
    expect(port).toBe(standby1.port);
    await load;

    // The other standby follows the new primary.
    await eventually('standby2 to stream from standby1', () => cluster.query(standby1, "SELECT application_name FROM pg_stat_replication WHERE state = 'streaming'"),
      (rows) => rows.some((r) => r.application_name === 'standby2'));
    // The hooks ran with Pgpool-II's placeholders: before the promotion, then once for the re-pointed standby.
    expect((await readFile(hookLog, 'utf8')).trim().split('\n')).toEqual([
      'failover failed=0 new=1 old=0',
      `follow node=2 primary=127.0.0.1:${standby1.port}`,
    ]);
    // Writes keep working through the proxy: pgbench after the failover, no failed transaction.
    const after = await run(pgbench, [...args, '-t', '50', 'postgres'], { env });
    expect(after.stdout).toMatch(/number of transactions actually processed: 200\/200/);

    // The non-coordinator proxy never promoted, yet follows the new primary.
    expect(follower.proxy.context.nodeControl?.failovers).toBe(0);
    expect(px.proxy.context.nodeControl?.failovers).toBe(1);
    await eventually('the follower to route writes to standby1', () => Promise.resolve(follower.proxy.context.backends.primary().config.name), (name) => name === 'standby1');

    // The old primary, restarted as it was, is a false primary and gets nothing.
    await cluster.primary.instance.start();
    for (const target of [px, follower]) {
      await eventually('the old primary to be reported as a false primary', () => adminQuery(target, 'SHOW POOL_NODES'),
        (rows) => rows.some((r) => r.hostname === '127.0.0.1' && Number(r.port) === cluster.primary.port && r.role === 'false primary' && r.status === 'down'));
    }
    await run(pgbench, [...args, '-t', '50', 'postgres'], { env });
    const activity = await cluster.query<{ n: number }>(cluster.primary,
      "SELECT count(*)::int AS n FROM pg_stat_activity WHERE backend_type = 'client backend' AND application_name NOT IN ('pgtopo-monitor') AND pid <> pg_backend_pid()");
    expect(activity[0].n).toBe(0);
    const late = await cluster.query<{ n: number }>(cluster.primary, 'SELECT count(*)::int AS n FROM ticks WHERE at >= $1', [promotedBy]);
    expect(late[0].n).toBe(0);
    const metrics = await fetchMetrics(px);
    expect(metrics).toMatch(/pgtopo_proxy_backend_false_primary\{node="primary"\} 1/);

    // A proxy started now with the stale role hints (node 0 primary) knows the real primary before taking clients.
    const fresh = await startProxyFor(cluster, HA);
    try {
      expect(fresh.proxy.context.backends.primary().config.name).toBe('standby1');
      expect(await writeThroughProxy(fresh)).toBe(standby1.port);
    } finally {
      await fresh.proxy.stop(0);
    }
  }, 120_000);
});

async function fetchMetrics(target: ProxyUnderTest): Promise<string> {
  const { buildMetricsRegistry } = await import('../../../proxy/metrics.ts');
  return buildMetricsRegistry(target.proxy.context).metrics();
}

// The backend monitor against a real primary and two standbys, through the real proxy: a standby whose replay is
// paused stops getting reads once over delayThreshold and gets them back after it catches up; DETACH/ATTACH NODE;
// with failover off a killed primary is only routed around (quarantined), never replaced, and comes back.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { eventually, startPgCluster, type PgCluster } from '../../support/pg-cluster.ts';
import { sqlstateOf, startProxyFor, type ProxyUnderTest } from '../proxy-fixture.ts';
import { adminQuery } from './admin-console.ts';

let cluster: PgCluster;
let px: ProxyUnderTest;

const THRESHOLD = 64 * 1024;

beforeAll(async () => {
  cluster = await startPgCluster({ standbys: 2 });
  await cluster.query(cluster.primary, 'CREATE TABLE filler (payload text)');
  px = await startProxyFor(cluster, {
    // The primary gets no balanced reads, so a read lands on the primary only when no standby is eligible.
    backends: [
      { name: 'primary', host: cluster.primary.host, port: cluster.primary.port, role: 'primary', weight: 0 },
      ...cluster.standbys.map((s) => ({ name: s.name, host: s.host, port: s.port, role: 'standby' })),
    ],
    router: { delayThreshold: THRESHOLD },
    healthCheck: { periodMs: 500, timeoutMs: 1000, retries: 1, retryDelayMs: 200 },
    replicationCheck: { periodMs: 200 },
    failover: { enabled: false },
  });
}, 120_000);

afterAll(async () => {
  await px?.proxy.stop(0);
  await cluster?.stop();
});

/** The ports that served `n` reads, each from a fresh session (the load-balance node is chosen per session). */
async function readPorts(n = 24): Promise<Set<number>> {
  const ports = new Set<number>();
  for (let i = 0; i < n; i++) {
    const client = await px.client();
    try {
      ports.add(Number((await client.query("SELECT current_setting('port') AS port")).rows[0].port));
    } finally {
      await client.end();
    }
  }
  return ports;
}

const poolNodes = (): Promise<Record<string, string>[]> => adminQuery(px, 'SHOW POOL_NODES');
const admin = (sql: string): Promise<Record<string, string>[]> => adminQuery(px, sql);

describe('replication lag', () => {
  it('takes a standby out of reads over delayThreshold and back once it catches up', async () => {
    const [standby1, standby2] = cluster.standbys;
    await eventually('both standbys to get reads', () => readPorts(), (ports) => ports.has(standby1.port) && ports.has(standby2.port));
    await cluster.query(standby1, 'SELECT pg_wal_replay_pause()');
    try {
      await cluster.query(cluster.primary, "INSERT INTO filler SELECT repeat('x', 1000) FROM generate_series(1, 1000)");
      const delay = (rows: Record<string, string>[], port: number): number => Number(rows.find((r) => r.port === String(port))?.replication_delay);
      // standby2 replays the same megabyte, which on a loaded machine can put it over the threshold for a moment too.
      const lagging = await eventually('standby1 to be reported over the threshold, standby2 under it', poolNodes,
        (rows) => delay(rows, standby1.port) > THRESHOLD && delay(rows, standby2.port) <= THRESHOLD);
      expect(lagging.find((r) => r.port === String(standby2.port))?.status).toBe('up');
      const ports = await readPorts();
      expect(ports.has(standby1.port)).toBe(false);
      expect(ports.has(standby2.port)).toBe(true);
    } finally {
      await cluster.query(standby1, 'SELECT pg_wal_replay_resume()'); // the tests after this one need it replaying
    }
    await eventually('standby1 to get reads again', () => readPorts(), (again) => again.has(standby1.port));
  }, 60_000);
});

describe('admin node control', () => {
  it('DETACH NODE takes a standby out of rotation until ATTACH NODE; PROMOTE NODE is refused with failover off', async () => {
    const standby2 = cluster.standbys[1];
    const id = String(px.config.backends.find((b) => b.port === standby2.port)?.id);
    await admin(`DETACH NODE ${id}`);
    expect((await poolNodes()).find((r) => r.node_id === id)?.status).toBe('down');
    expect((await readPorts()).has(standby2.port)).toBe(false);
    await admin(`ATTACH NODE ${id}`);
    expect((await poolNodes()).find((r) => r.node_id === id)?.status).toBe('up');
    await eventually('standby2 to get reads again', () => readPorts(), (ports) => ports.has(standby2.port));

    expect(await sqlstateOf(admin(`PROMOTE NODE ${id}`))).toBe('55000');
    expect(await sqlstateOf(admin('DETACH NODE 0'))).toBe('55000');
    expect(await sqlstateOf(admin('ATTACH NODE 42'))).toBe('42704');
  }, 60_000);
});

describe('a standby going down', () => {
  it('is detached while the others keep serving, and re-attached when it answers as a standby again', async () => {
    const standby2 = cluster.standbys[1];
    const id = String(px.config.backends.find((b) => b.port === standby2.port)?.id);
    const session = await px.client();
    try {
      await standby2.instance.kill9();
      await eventually('standby2 to be detached', poolNodes, (rows) => rows.find((r) => r.node_id === id)?.status === 'down');
      // A session opened before the failure keeps working, and no read goes to the dead standby.
      for (let i = 0; i < 10; i++) await session.query('SELECT 1');
      const ports = await readPorts();
      expect(ports.has(standby2.port)).toBe(false);
      expect(ports.has(cluster.standbys[0].port)).toBe(true);
    } finally {
      await session.end();
    }
    await standby2.instance.start();
    await eventually('standby2 to be re-attached', poolNodes, (rows) => rows.find((r) => r.node_id === id)?.status === 'up');
  }, 60_000);
});

describe('failover off', () => {
  it('routes around a killed primary without promoting anything, and takes it back when it returns', async () => {
    await cluster.killPrimary();
    await eventually('the primary to be quarantined', poolNodes, (rows) => rows.find((r) => r.node_id === '0')?.status === 'quarantined');
    // Writes fail with a proper SQLSTATE instead of hanging; reads still work on the standbys.
    const client = await px.client();
    try {
      const code = await sqlstateOf(client.query('INSERT INTO filler VALUES (1)'));
      expect(['08006', '08001', '25006', '57P01']).toContain(code);
    } finally {
      await client.end();
    }
    expect((await readPorts(6)).size).toBeGreaterThan(0);
    await new Promise((resolve) => setTimeout(resolve, 2000));
    for (const standby of cluster.standbys) {
      expect((await cluster.query<{ r: boolean }>(standby, 'SELECT pg_is_in_recovery() AS r'))[0].r).toBe(true);
    }
    expect(px.proxy.context.nodeControl?.failovers).toBe(0);

    await cluster.primary.instance.start();
    await eventually('the primary to be up again', poolNodes, (rows) => rows.find((r) => r.node_id === '0')?.status === 'up');
    const writer = await px.client();
    try {
      await writer.query('INSERT INTO filler VALUES (2)');
    } finally {
      await writer.end();
    }
  }, 60_000);
});

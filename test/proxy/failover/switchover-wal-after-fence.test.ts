// A switchover while the old primary keeps writing WAL after its fence: here a client that opens read-write
// transactions on it directly, which the fence's read-only default does not forbid (checkpoints do the same,
// less often). The standby that is not promoted must still follow the promoted one: had it kept streaming from
// the old primary past the promotion point, it could never follow the new timeline, nor restart.
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { eventually, startPgCluster, type PgCluster } from '../../support/pg-cluster.ts';
import { startProxyFor, type ProxyUnderTest } from '../proxy-fixture.ts';
import { adminQuery } from '../health/admin-console.ts';

let cluster: PgCluster;
let px: ProxyUnderTest;

beforeAll(async () => {
  cluster = await startPgCluster({ standbys: 2 });
  await cluster.query(cluster.primary, 'CREATE TABLE noise (id bigserial PRIMARY KEY, filler text)');
  await cluster.waitForStreaming(cluster.primary, ['standby1', 'standby2']);
  px = await startProxyFor(cluster, {
    backends: [
      { name: 'primary', host: cluster.primary.host, port: cluster.primary.port, role: 'primary' },
      { name: 'standby1', host: cluster.standbys[0].host, port: cluster.standbys[0].port, role: 'standby' },
      { name: 'standby2', host: cluster.standbys[1].host, port: cluster.standbys[1].port, role: 'standby', noFailover: true },
    ],
    healthCheck: { periodMs: 1000, timeoutMs: 1000, retries: 1, retryDelayMs: 200 },
    failover: { enabled: true },
  });
}, 120_000);

afterAll(async () => {
  await px?.proxy.stop(0);
  await cluster?.stop();
});

/** Commits read-write transactions on `node` directly until stopped, reconnecting whenever its session is ended. */
function startDirectWriter(node: { host: string; port: number }): { commits: () => number; stop: () => Promise<void> } {
  let commits = 0;
  let running = true;
  const loop = (async () => {
    while (running) {
      const client = new pg.Client({ connectionString: cluster.connectionString(node) });
      client.on('error', () => undefined);
      try {
        await client.connect();
        while (running) {
          await client.query("BEGIN READ WRITE; INSERT INTO noise (filler) VALUES (repeat('x', 200)); COMMIT");
          commits++;
        }
      } catch {
        // Ended by the fence: connect again.
      } finally {
        await client.end().catch(() => undefined);
      }
    }
  })();
  return { commits: () => commits, stop: async () => { running = false; await loop; } };
}

describe('PROMOTE NODE while the old primary keeps writing WAL', () => {
  it('leaves the standby that was not promoted following the new primary', async () => {
    const writer = startDirectWriter(cluster.primary);
    try {
      await eventually('the direct writer to commit', async () => writer.commits(), (n) => n > 50);
      await adminQuery(px, 'PROMOTE NODE 1');
      const afterPromotion = writer.commits();
      await eventually('the direct writer to write on after the switchover', async () => writer.commits(), (n) => n > afterPromotion + 50);
    } finally {
      await writer.stop();
    }
    const [{ id }] = await cluster.query<{ id: string }>(cluster.standbys[0], "INSERT INTO noise (filler) VALUES ('after') RETURNING id::text");
    await eventually('standby2 to stream from the promoted standby1',
      () => cluster.query(cluster.standbys[0], "SELECT application_name FROM pg_stat_replication WHERE state = 'streaming'"),
      (rows) => rows.some((row) => row.application_name === 'standby2'), 30_000);
    const rows = await eventually('standby2 to replay the new primary\'s write',
      () => cluster.query(cluster.standbys[1], 'SELECT filler FROM noise WHERE id = $1', [id]), (found) => found.length === 1);
    expect(rows).toEqual([{ filler: 'after' }]);
  }, 90_000);
});

// Pools are made by logins, so without a bound an authenticated client could grow the proxy one database name at a
// time. Against a real PostgreSQL: failed logins leave no pool, pools left empty are forgotten by the janitor (and
// leave SHOW POOLS), and a login that needs a pool past pool.maxPools is refused with 53300.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { eventually, startPgCluster, type PgCluster } from '../../support/pg-cluster.ts';
import { sqlstateOf, startProxyFor, type ProxyUnderTest } from '../proxy-fixture.ts';

const MAX_POOLS = 4;
const DATABASES = ['db1', 'db2', 'db3', 'db4', 'db5'];
let cluster: PgCluster;
let proxy: ProxyUnderTest;

beforeAll(async () => {
  cluster = await startPgCluster({ standbys: 0 });
  for (const name of DATABASES) await cluster.query(cluster.primary, `CREATE DATABASE ${name}`);
  proxy = await startProxyFor(cluster, { pool: { maxPools: MAX_POOLS, emptyPoolTimeoutMs: 500, idleTimeoutMs: 500 } });
});

afterAll(async () => {
  await proxy?.proxy.stop(0);
  await cluster?.stop();
});

async function shownPools(): Promise<string[]> {
  const admin = await proxy.client({ database: 'pgtopo' });
  try {
    return (await admin.query<{ database: string }>('SHOW POOLS')).rows.map((row) => row.database).sort();
  } finally {
    await admin.end();
  }
}

async function loginAndQuit(database: string): Promise<string> {
  return sqlstateOf(proxy.client({ database }).then((client) => client.end()));
}

describe('pool count', () => {
  it('keeps no pool for logins to databases that do not exist, even 300 of them at 20 at a time', async () => {
    const outcomes = new Set<string>();
    for (let batch = 0; batch < 15; batch++) {
      const names = Array.from({ length: 20 }, (_, i) => `missing_${batch}_${i}`);
      for (const outcome of await Promise.all(names.map(loginAndQuit))) outcomes.add(outcome);
      expect(proxy.proxy.context.pools.pools.length).toBeLessThanOrEqual(MAX_POOLS);
    }
    // 3D000 from PostgreSQL; 53300 when a batch's failing pools filled the bound before they were forgotten.
    expect([...outcomes].filter((code) => code !== '3D000' && code !== '53300')).toEqual([]);
    expect(outcomes).toContain('3D000');
    expect(await shownPools()).toEqual([]);
  });

  it('refuses a login that needs a pool past the bound with 53300, and serves it once empty pools are forgotten', async () => {
    const held = await Promise.all(DATABASES.slice(0, MAX_POOLS).map((database) => proxy.client({ database })));
    try {
      expect(await shownPools()).toEqual(DATABASES.slice(0, MAX_POOLS));
      const refused = await proxy.client({ database: 'db5' }).then(
        (client) => client.end().then(() => ({ message: 'accepted' })),
        (error: Error & { code?: string }) => ({ code: error.code, message: error.message }),
      );
      expect(refused).toEqual({ code: '53300', message: expect.stringContaining('too many pools') });
      expect(await loginAndQuit('db1')).toBe('no error'); // a pool that exists is always served
    } finally {
      await Promise.all(held.map((client) => client.end()));
    }
    // Idle servers close after idleTimeoutMs, then their pools are forgotten after emptyPoolTimeoutMs.
    await eventually('empty pools to be forgotten', shownPools, (pools) => pools.length === 0, 10_000);
    expect(await loginAndQuit('db5')).toBe('no error');
  });

  it('lets a connected client whose pool was forgotten go on, in a pool the registry knows', async () => {
    const client = await proxy.client({ database: 'db2' });
    try {
      await client.query('SELECT 1'); // the client now remembers its pool for the next transaction
      await eventually('db2 pool to be forgotten while its client idles', shownPools, (pools) => !pools.includes('db2'), 10_000);
      expect((await client.query<{ db: string }>('SELECT current_database() AS db')).rows[0].db).toBe('db2');
      const servers = proxy.proxy.context.pools.pools.filter((pool) => pool.database === 'db2').map((pool) => pool.servers.size);
      expect(servers).toEqual([1]);
    } finally {
      await client.end();
    }
  });
});

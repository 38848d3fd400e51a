// Real primary + 2 standbys: replication, restart, promotion, SIGKILL and clean teardown.
import { existsSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import pg from 'pg';
import { startPgCluster, type PgCluster, type PgClusterNode } from '../../support/pg-cluster.ts';
import { isProcessAlive } from '../../../providers/local/postmaster-process.ts';

let cluster: PgCluster;

async function query<T extends pg.QueryResultRow>(node: PgClusterNode, sql: string, params: unknown[] = []): Promise<T[]> {
  const client = new pg.Client({ connectionString: cluster.connectionString(node) });
  await client.connect();
  try {
    return (await client.query<T>(sql, params)).rows;
  } finally {
    await client.end();
  }
}

async function eventually<T>(probe: () => Promise<T>, accept: (value: T) => boolean, timeoutMs = 15_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await probe().catch(() => undefined);
    if (value !== undefined && accept(value)) return value;
    if (Date.now() > deadline) throw new Error(`condition not met within ${timeoutMs} ms (last value ${JSON.stringify(value)})`);
    await new Promise((resolveWait) => setTimeout(resolveWait, 50));
  }
}

beforeAll(async () => {
  cluster = await startPgCluster({ standbys: 2 });
});

afterAll(async () => {
  await cluster?.stop();
});

describe('startPgCluster with 2 standbys', () => {
  it('shows both standbys streaming in pg_stat_replication', async () => {
    const rows = await query<{ application_name: string; state: string }>(
      cluster.primary,
      'SELECT application_name, state FROM pg_stat_replication ORDER BY application_name',
    );
    expect(rows).toEqual([
      { application_name: 'standby1', state: 'streaming' },
      { application_name: 'standby2', state: 'streaming' },
    ]);
  });

  it('replicates a row written on the primary to both standbys', async () => {
    const marker = `row-${Date.now()}`;
    await query(cluster.primary, 'CREATE TABLE replicated (note text)');
    await query(cluster.primary, 'INSERT INTO replicated VALUES ($1)', [marker]);
    for (const standby of cluster.standbys) {
      const rows = await eventually(
        () => query<{ note: string }>(standby, 'SELECT note FROM replicated'),
        (found) => found.length > 0,
      );
      expect(rows).toEqual([{ note: marker }]);
    }
  });

  it('rejects the wrong password over TCP', async () => {
    const client = new pg.Client({ host: cluster.primary.host, port: cluster.primary.port, user: 'postgres', password: 'wrong' });
    await expect(client.connect()).rejects.toThrow(/password authentication failed/);
  });

  it('keeps streaming after a standby restart (primary_conninfo finds its passfile)', async () => {
    const standby = cluster.standbys[0].instance;
    await standby.stop();
    expect(standby.status().running).toBe(false);
    await standby.start();
    const rows = await eventually(
      () => query<{ application_name: string }>(cluster.primary, "SELECT application_name FROM pg_stat_replication WHERE state = 'streaming'"),
      (found) => found.some((row) => row.application_name === 'standby1'),
    );
    expect(rows.map((row) => row.application_name)).toContain('standby1');
  });

  it('promotes a standby out of recovery', async () => {
    const standby = cluster.standbys[1];
    expect(await query(standby, 'SELECT pg_is_in_recovery() AS recovering')).toEqual([{ recovering: true }]);
    await standby.instance.promote();
    expect(await query(standby, 'SELECT pg_is_in_recovery() AS recovering')).toEqual([{ recovering: false }]);
    await query(standby, 'INSERT INTO replicated VALUES ($1)', ['written after promotion']);
  });

  it('kill9 ends the primary and all its processes; status reports it stopped', async () => {
    const primary = cluster.primary.instance;
    const pids = primary.processIds();
    expect(pids.length).toBeGreaterThan(1);
    await cluster.killPrimary();
    expect(primary.status()).toEqual({ running: false });
    expect(pids.filter(isProcessAlive)).toEqual([]);
    await expect(query(cluster.primary, 'SELECT 1')).rejects.toThrow();
  });

  it('stop() leaves no postgres process and no temp dir', async () => {
    const pids = [cluster.primary, ...cluster.standbys].flatMap((node) => node.instance.processIds());
    expect(pids.length).toBeGreaterThan(0);
    await cluster.stop();
    expect(pids.filter(isProcessAlive)).toEqual([]);
    expect(existsSync(cluster.rootDir)).toBe(false);
  });
});

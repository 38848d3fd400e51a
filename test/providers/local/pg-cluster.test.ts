// Real primary + 2 standbys: replication, restart, promotion, SIGKILL and clean teardown.
import { existsSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import pg from 'pg';
import { eventually, startPgCluster, type PgCluster } from '../../support/pg-cluster.ts';
import { isProcessAlive } from '../../../providers/local/postmaster-process.ts';

let cluster: PgCluster;

beforeAll(async () => {
  cluster = await startPgCluster({ standbys: 2 });
});

afterAll(async () => {
  await cluster?.stop();
});

describe('startPgCluster with 2 standbys', () => {
  it('shows both standbys streaming in pg_stat_replication', async () => {
    const rows = await cluster.query(
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
    await cluster.query(cluster.primary, 'CREATE TABLE replicated (note text)');
    await cluster.query(cluster.primary, 'INSERT INTO replicated VALUES ($1)', [marker]);
    for (const standby of cluster.standbys) {
      const rows = await eventually(
        `the row on ${standby.name}`,
        () => cluster.query<{ note: string }>(standby, 'SELECT note FROM replicated'),
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
    expect(await cluster.waitForStreaming(cluster.primary, ['standby1'])).toContain('standby1');
  });

  it('promotes a standby out of recovery', async () => {
    const standby = cluster.standbys[1];
    expect(await cluster.query(standby, 'SELECT pg_is_in_recovery() AS recovering')).toEqual([{ recovering: true }]);
    expect(standby.instance.isStandby()).toBe(true);
    await standby.instance.promote();
    expect(await cluster.query(standby, 'SELECT pg_is_in_recovery() AS recovering')).toEqual([{ recovering: false }]);
    expect(standby.instance.isStandby()).toBe(false);
    await cluster.query(standby, 'INSERT INTO replicated VALUES ($1)', ['written after promotion']);
  });

  it('kill9 ends the primary and all its processes; status reports it stopped', async () => {
    const primary = cluster.primary.instance;
    const pids = primary.processIds();
    expect(pids.length).toBeGreaterThan(1);
    await cluster.killPrimary();
    expect(primary.status()).toEqual({ running: false });
    expect(pids.filter(isProcessAlive)).toEqual([]);
    await expect(cluster.query(cluster.primary, 'SELECT 1')).rejects.toThrow();
  });

  it('stop() leaves no postgres process and no temp dir', async () => {
    const pids = [cluster.primary, ...cluster.standbys].flatMap((node) => node.instance.processIds());
    expect(pids.length).toBeGreaterThan(0);
    await cluster.stop();
    expect(pids.filter(isProcessAlive)).toEqual([]);
    expect(existsSync(cluster.rootDir)).toBe(false);
  });
});

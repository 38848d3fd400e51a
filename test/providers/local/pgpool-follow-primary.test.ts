// With Pgpool-II as the engine, a failover re-points the remaining standbys at the new primary by itself
// (the rendered follow_primary_command) and Pgpool-II attaches each again once it streams: before, a standby
// kept streaming from the dead primary, serving ever staler reads until the next apply. Two rounds: kill the
// primary, see the standby follow without an apply, rebuild the old primary with apply, kill the new one.
import { afterAll, beforeAll, expect, it } from 'vitest';
import { eventually } from '../../support/pg-cluster.ts';
import { clusterMembers, doublePrimarySampler, queryMember, waitConverged } from './cluster-observer.ts';
import { LocalWorkspace, devTopology, portOf, queryAs } from './local-workspace.ts';

interface PoolNode { node_id: string; status: string; role: string }

let workspace: LocalWorkspace;
const scope = (): string => workspace.clusterDir('dev', 'pf');
const member = (name: string) => clusterMembers(scope()).find((candidate) => candidate.instance.name === name)!;

beforeAll(async () => {
  workspace = await LocalWorkspace.create(devTopology('pf', 3, [
    'engine: pgpool2', 'instances: 1', 'healthCheck: { period: 1s, timeout: 1s, retries: 1 }', 'replicationCheck: { period: 1s }',
  ]));
  const apply = await workspace.run('apply', '--auto-approve');
  if (apply.code !== 0) throw new Error(apply.stdout + apply.stderr);
  await queryAs(portOf((await workspace.status()).get('dev.proxy[0]')), 'app', 'CREATE TABLE marks (round int)');
}, 120_000);

afterAll(async () => {
  await workspace?.cleanup();
}, 120_000);

it('re-points the remaining standby at the new primary after each failover, without an apply', async () => {
  const proxyPort = portOf((await workspace.status()).get('dev.proxy[0]'));
  for (const round of [1, 2]) {
    const primary = await waitConverged(scope(), `before round ${round}`, 60_000);
    const sampler = doublePrimarySampler(scope());
    await member(primary).instance.kill9();
    const [written] = await eventually(`round ${round}: a write through Pgpool-II after the failover`, () => queryAs<{ port: number }>(proxyPort, 'app',
      `INSERT INTO marks VALUES (${round}) RETURNING inet_server_port() AS port`), (rows) => rows.length === 1, 60_000);
    const promoted = clusterMembers(scope()).find((candidate) => candidate.record.port === written!.port)!.instance.name;
    const follower = ['pg0', 'pg1', 'pg2'].find((name) => name !== primary && name !== promoted)!;
    await eventually(`round ${round}: ${follower} to stream from ${promoted}`, () => queryMember<{ port: number }>(scope(), follower,
      "SELECT sender_port AS port FROM pg_stat_wal_receiver WHERE status = 'streaming'"), (rows) => rows[0]?.port === written!.port, 30_000);
    await eventually(`round ${round}: ${follower} to have the write`, () => queryMember<{ n: number }>(scope(), follower,
      `SELECT count(*)::int AS n FROM marks WHERE round = ${round}`), (rows) => rows[0]!.n === 1, 30_000);
    const nodes = await eventually(`round ${round}: Pgpool-II to attach ${follower} again`, () => queryAs<PoolNode>(proxyPort, 'admin', 'SHOW POOL_NODES'),
      (rows) => rows[Number(follower.slice(2))]!.status === 'up', 60_000);
    expect(nodes[Number(primary.slice(2))]!.status).toBe('down');
    expect(await sampler.stop()).toEqual([]);

    const rebuilt = await workspace.run('apply', '--auto-approve');
    expect(rebuilt.code, rebuilt.stdout + rebuilt.stderr).toBe(0);
    expect(rebuilt.stdout).not.toContain(`dev.postgres[${follower.slice(2)}]: re-pointing`);
    expect(await waitConverged(scope(), `after round ${round}`, 60_000)).toBe(promoted);
  }
}, 300_000);

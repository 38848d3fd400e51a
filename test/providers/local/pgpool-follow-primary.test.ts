// With Pgpool-II as the engine, a failover re-points the remaining standbys at the new primary by itself
// (the rendered follow_primary_command) and Pgpool-II attaches each again once it streams: before, a standby
// kept streaming from the dead primary, serving ever staler reads until the next apply. Two rounds: kill the
// primary, see the standby follow without an apply, rebuild the old primary with an apply that reloads Pgpool-II
// (a client's session lives through it) and see Pgpool-II attach it, kill the new primary.
import { readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import pg from 'pg';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { eventually } from '../../support/pg-cluster.ts';
import { clusterMembers, doublePrimarySampler, queryMember, waitConverged } from './cluster-observer.ts';
import { LocalWorkspace, PASSWORDS, devTopology, portOf, queryAs } from './local-workspace.ts';

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

    // The apply rebuilds the old primary and changes only role hints and weights: Pgpool-II reloads and keeps
    // its clients, then takes the rebuilt standby back once it streams. (A session that sends a query while
    // Pgpool-II attaches a node is ended by Pgpool-II, src/context/pool_query_context.c; this one waits.)
    const session = await heldSession(proxyPort);
    const rebuilt = await workspace.run('apply', '--auto-approve');
    expect(rebuilt.code, rebuilt.stdout + rebuilt.stderr).toBe(0);
    expect(rebuilt.stdout).not.toContain(`dev.postgres[${follower.slice(2)}]: re-pointing`);
    expect(rebuilt.stdout).toContain('dev.proxy[0]: configuration reloaded (SIGHUP)');
    expect(await waitConverged(scope(), `after round ${round}`, 60_000)).toBe(promoted);
    await eventually(`round ${round}: Pgpool-II to attach the rebuilt ${primary}`, () => queryAs<PoolNode>(proxyPort, 'admin', 'SHOW POOL_NODES'),
      (rows) => rows.every((node) => node.status === 'up'), 60_000);
    expect((await session.query<{ n: number }>(`SELECT count(*)::int AS n FROM marks WHERE round = ${round}`)).rows[0]!.n).toBe(1);
    await session.end();
    // Pgpool-II's own check finds every standby on the primary (it misread a quoted host= in their conninfo).
    expect(await pgpoolLogOver(2_500)).not.toMatch(/does not connect to standby/);
  }
}, 300_000);

/** What Pgpool-II logs over the next `ms` (two or more replication checks). */
async function pgpoolLogOver(ms: number): Promise<string> {
  const log = join(scope(), 'proxy0', 'proxy.log');
  const start = statSync(log).size;
  await new Promise((resolveWait) => setTimeout(resolveWait, ms));
  return readFileSync(log, 'utf8').slice(start);
}

async function heldSession(port: number): Promise<pg.Client> {
  const client = new pg.Client({ host: '127.0.0.1', port, user: 'app', password: PASSWORDS.PGTOPO_APP_PASSWORD, database: 'postgres' });
  client.on('error', () => {}); // a session Pgpool-II ends: the query's rejection reports it
  await client.connect();
  return client;
}

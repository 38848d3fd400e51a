// Scaling down after a switchover made the highest-numbered instance the primary: the instance removed is the
// primary, and the cluster that stays must get exactly one new one, keep every acknowledged row and serve writes.
// The builtin proxy's failover coordinator runs meanwhile (it owns the primary role), so the hand-over must be its
// switchover: pgtopo promoting a standby while the coordinator fails over on its own made two primaries. Each
// round samples every instance every 50 ms during the scale-down apply and writes through the proxy all along.
// In the rounds where the proxy restarts, the old hand-over (pgtopo promoting after the proxy's update) let the
// restarted coordinator promote pg0 beside the live pg2: two writable primaries in the samples.
import { afterAll, beforeAll, expect, it } from 'vitest';
import { scanCluster, type ClusterMember } from '../../../providers/local/cluster-members.ts';
import { allocateFreePort } from '../../../providers/local/free-port.ts';
import { queryInstance } from '../../../providers/local/instance-sql.ts';
import { findPgBinaries } from '../../../providers/local/pg-binaries.ts';
import { resolveDbOsUser } from '../../../providers/local/os-user.ts';
import { eventually } from '../../support/pg-cluster.ts';
import { LocalWorkspace, devTopology, portOf, queryAs, type StatusRow } from './local-workspace.ts';

const ROUNDS = 3;
const topology = (instances: number, proxy: string[] = []): string =>
  devTopology('sd', instances, ['instances: 1', 'healthCheck: { period: 200ms, timeout: 1s, retries: 1 }', ...proxy]);

let workspace: LocalWorkspace;
let proxyPort: number;

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

beforeAll(async () => {
  workspace = await LocalWorkspace.create(topology(3));
  const apply = await workspace.run('apply', '--auto-approve');
  if (apply.code !== 0) throw new Error(apply.stdout + apply.stderr);
  proxyPort = portOf((await workspace.status()).get('dev.proxy[0]'));
  await queryAs(proxyPort, 'app', 'CREATE TABLE kept (round int, n int)');
}, 180_000);

afterAll(async () => {
  await workspace?.cleanup();
}, 120_000);

function members(): ClusterMember[] {
  return scanCluster(workspace.clusterDir('dev', 'sd'), findPgBinaries(), resolveDbOsUser()).members;
}

function roles(status: Map<string, StatusRow>): string[] {
  return [...status.values()].filter((row) => row.address.startsWith('dev.postgres[')).map((row) => `${row.details.role}/${row.details.membership}`);
}

/**
 * The instances that take writes right now: out of recovery and not fenced read-only. A switchover fences the old
 * primary (default_transaction_read_only, its sessions ended) before it promotes the standby, and pgtopo stops it
 * right after; until then it is out of recovery but refuses writes.
 */
async function writablePrimaries(): Promise<string[]> {
  const answers = await Promise.all(members().map(async (member) => {
    const rows = await queryInstance<{ r: boolean; ro: string }>(member.instance,
      "SELECT pg_is_in_recovery() AS r, current_setting('default_transaction_read_only') AS ro").catch(() => [{ r: true, ro: 'on' }]);
    return rows[0]!.r || rows[0]!.ro === 'on' ? [] : [member.instance.name];
  }));
  return answers.flat();
}

/** Runs `work` (repeatedly) every ~50 ms until stopped; returns what it returned. */
function every50ms<T>(work: () => Promise<T>): { stop: () => Promise<T[]> } {
  const results: T[] = [];
  let running = true;
  const loop = (async () => {
    while (running) {
      results.push(await work());
      await sleep(50);
    }
  })();
  return { stop: async () => { running = false; await loop; return results; } };
}

/** Writes through the proxy; the n of each acknowledged write (a failed one is what a switchover costs). */
function writer(round: number): () => Promise<number | undefined> {
  let n = 0;
  return async () => {
    const mine = n++;
    return queryAs(proxyPort, 'app', `INSERT INTO kept VALUES (${round}, ${mine})`).then(() => mine, () => undefined);
  };
}

async function makePg2Primary(): Promise<void> {
  await eventually('the proxy to switch over to pg2', () => queryAs(proxyPort, 'admin', 'PROMOTE NODE 2', 'pgtopo'), () => true, 30_000);
  const converge = await workspace.run('apply', '--auto-approve');
  expect(converge.code, converge.stdout + converge.stderr).toBe(0);
  expect(roles(await workspace.status())).toEqual(['standby/in-sync', 'standby/in-sync', 'primary/in-sync']);
}

it(`removing the primary while the proxy's failover runs switches over through the proxy: one writable primary, no acknowledged row lost (${ROUNDS} rounds)`, async () => {
  for (let round = 0; round < ROUNDS; round++) {
    await makePg2Primary();
    const before = writer(round);
    const acked = [];
    for (let i = 0; i < 5; i++) acked.push(await before());
    expect(acked).not.toContain(undefined);

    // Odd rounds also change the metrics port, so the proxy restarts rather than reloads with the smaller list: a
    // coordinator restarted without the live primary finds every node in recovery and promotes one by itself.
    await workspace.writeTopology(topology(2, round % 2 === 1 ? [`metricsPort: ${await allocateFreePort()}`] : []));
    const writes = every50ms(writer(round));
    const samples = every50ms(writablePrimaries);
    const down = await workspace.run('apply', '--auto-approve');
    const seen = await samples.stop();
    acked.push(...await writes.stop());
    expect(down.code, down.stdout + down.stderr).toBe(0);
    expect(down.stdout).toContain('switching over to pg0 through dev.proxy[0]');
    expect(seen.filter((primaries) => primaries.length > 1), `round ${round}`).toEqual([]);

    const after = await workspace.status();
    expect(roles(after)).toEqual(['primary/in-sync', 'standby/in-sync']);
    expect(await writablePrimaries()).toEqual(['pg0']);
    const [written] = await eventually('a write through the proxy on the new primary', () =>
      queryAs<{ port: number }>(proxyPort, 'app', `INSERT INTO kept VALUES (${round}, -1) RETURNING inet_server_port() AS port`),
    (rows) => rows.length === 1, 30_000);
    expect(written!.port).toBe(portOf(after.get('dev.postgres[0]')));
    const rows = await queryAs<{ n: number }>(portOf(after.get('dev.postgres[0]')), 'app', `SELECT n FROM kept WHERE round = ${round}`);
    const stored = new Set(rows.map((row) => row.n));
    expect(acked.filter((n) => n !== undefined && !stored.has(n)), `round ${round}: acknowledged writes missing`).toEqual([]);

    // The proxy's role hints were rendered before the hand-over; one more apply reloads them.
    const hints = await workspace.run('apply', '--auto-approve');
    expect(hints.stdout).toMatch(/dev\.proxy\[0\] will be updated in place/);
    const plan = await workspace.run('plan', '--detailed-exitcode');
    expect(plan.code, plan.stdout).toBe(0);
    await workspace.writeTopology(topology(3));
    const up = await workspace.run('apply', '--auto-approve');
    expect(up.code, up.stdout + up.stderr).toBe(0);
  }
}, 300_000);

it('a switchover the proxy cannot carry out fails the apply, and the primary is not removed', async () => {
  await makePg2Primary();
  // Without this grant the proxy's fence fails before it promotes anything (its console still acknowledges).
  const pg2 = members().find((member) => member.instance.name === 'pg2')!;
  await queryInstance(pg2.instance, 'REVOKE ALTER SYSTEM ON PARAMETER default_transaction_read_only FROM admin');
  await workspace.writeTopology(topology(2));
  const down = await workspace.run('apply', '--auto-approve');
  expect(down.code).not.toBe(0);
  expect(down.stdout + down.stderr).toMatch(/cannot hand the primary role of pg2 to pg0 through dev\.proxy\[0\], which owns it: permission denied to set parameter "default_transaction_read_only"/);
  expect(down.stdout + down.stderr).not.toMatch(/\n\s+at /); // no stack trace
  expect(members().map((member) => `${member.instance.name}:${member.running}`)).toEqual(['pg0:true', 'pg1:true', 'pg2:true']);
  expect(await writablePrimaries()).toEqual(['pg2']);
}, 120_000);

// A setting that needs a restart (shared_buffers) is a rolling restart: standbys restart in place, the primary
// hands its role over first (its successor restarts with the setting, then takes over by switchover) and rejoins
// as a standby. Writes go through the proxy all along. Never two instances out of recovery, no acknowledged write
// lost, every instance ends on the new setting with none pending, in sync, and the next plan is empty. The rounds
// alternate: from pg0 as the primary (its successor is updated after it), then from pg1 (its successor pg0 was
// already restarted as a standby in the same apply).
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { queryInstance } from '../../../providers/local/instance-sql.ts';
import { clusterMembers, doublePrimarySampler, queryMember, waitConverged } from './cluster-observer.ts';
import { LocalWorkspace, devTopology, portOf, queryAs } from './local-workspace.ts';

const topology = (sharedBuffers: string, workMem = '4MB'): string =>
  devTopology('rr', 3, ['instances: 2', 'pooling: { mode: transaction, poolSize: 5 }', 'healthCheck: { period: 1s, timeout: 1s, retries: 1 }'])
    .replace('parameters: { fsync: off }', `parameters: { fsync: off, shared_buffers: ${sharedBuffers}, work_mem: ${workMem} }`);

let workspace: LocalWorkspace;
let proxyPort: number;
const scope = (): string => workspace.clusterDir('dev', 'rr');
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

beforeAll(async () => {
  workspace = await LocalWorkspace.create(topology('32MB'));
  const apply = await workspace.run('apply', '--auto-approve');
  if (apply.code !== 0) throw new Error(apply.stdout + apply.stderr);
  proxyPort = portOf((await workspace.status()).get('dev.proxy[0]'));
  await queryAs(proxyPort, 'app', 'CREATE TABLE rolled (round int, n int)');
}, 120_000);

afterAll(async () => {
  await workspace?.cleanup();
}, 120_000);

/** Writes through the proxy every 20 ms until stopped; returns the acknowledged numbers and the refused count. */
function writeLoop(round: number): { stop: () => Promise<{ acked: number[]; refused: number }> } {
  const acked: number[] = [];
  let refused = 0;
  let running = true;
  const loop = (async () => {
    for (let n = 0; running; n++) {
      await queryAs(proxyPort, 'app', `INSERT INTO rolled VALUES (${round}, ${n})`).then(() => acked.push(n), () => refused++);
      await sleep(20);
    }
  })();
  return { stop: async () => { running = false; await loop; return { acked, refused }; } };
}

async function settings(): Promise<{ name: string; sharedBuffers: string; pending: number }[]> {
  return Promise.all(clusterMembers(scope()).map(async (member) => {
    const [row] = await queryInstance<{ shared_buffers: string; pending: number }>(member.instance,
      "SELECT current_setting('shared_buffers') AS shared_buffers, (SELECT count(*)::int FROM pg_settings WHERE pending_restart) AS pending");
    return { name: member.instance.name, sharedBuffers: row!.shared_buffers, pending: row!.pending };
  }));
}

describe('changing a setting that needs a restart', () => {
  it.each([
    { round: 1, sharedBuffers: '48MB', primaryBefore: 'pg0' },
    { round: 2, sharedBuffers: '64MB', primaryBefore: 'pg1' },
    { round: 3, sharedBuffers: '40MB', primaryBefore: 'pg0' },
    { round: 4, sharedBuffers: '56MB', primaryBefore: 'pg1' },
  ])('round $round: rolls through the cluster from $primaryBefore with no second primary and no lost write', async ({ round, sharedBuffers, primaryBefore }) => {
    expect(await waitConverged(scope(), `before round ${round}`, 60_000)).toBe(primaryBefore);
    await workspace.writeTopology(topology(sharedBuffers));
    const planned = await workspace.run('plan');
    expect(planned.stdout).toContain('dev.postgres[0] will be updated in place (restarts for parameters.shared_buffers)');
    expect(planned.stdout).toContain('dev.proxy[0] will be updated in place');
    const writes = writeLoop(round);
    const samples = doublePrimarySampler(scope());
    await sleep(200);
    const apply = await workspace.run('apply', '--auto-approve');
    await sleep(200);
    const { acked, refused } = await writes.stop();
    expect(await samples.stop(), 'two instances out of recovery at once').toEqual([]);
    expect(apply.code, apply.stdout + apply.stderr).toBe(0);
    expect(apply.stdout).toContain(`is the primary: switching over to`);

    const primary = await waitConverged(scope(), `after round ${round}`, 30_000);
    expect(primary).not.toBe(primaryBefore);
    const kept = new Set((await queryMember<{ n: number }>(scope(), primary, `SELECT n FROM rolled WHERE round = ${round}`)).map((row) => row.n));
    expect(acked.filter((n) => !kept.has(n)), 'acknowledged writes missing after the rolling restart').toEqual([]);
    expect(acked.length).toBeGreaterThan(0);
    expect(await settings()).toEqual(['pg0', 'pg1', 'pg2'].map((name) => ({ name, sharedBuffers, pending: 0 })));
    const plan = await workspace.run('plan', '--detailed-exitcode');
    expect(plan.code, plan.stdout + plan.stderr).toBe(0);
    console.log(`rolling restart round ${round}: ${primaryBefore} → ${primary}; ${acked.length} writes acknowledged, all kept; ${refused} refused`);
  }, 180_000);

  it('a switchover the proxy cannot carry out fails the apply, keeps the primary, and the re-run converges', async () => {
    expect(await waitConverged(scope(), 'before the refused switchover', 60_000)).toBe('pg0');
    // Without this grant the proxy's fence fails before it promotes anything.
    await queryMember(scope(), 'pg0', 'REVOKE ALTER SYSTEM ON PARAMETER default_transaction_read_only FROM admin');
    await workspace.writeTopology(topology('72MB'));
    const refused = await workspace.run('apply', '--auto-approve');
    expect(refused.code).not.toBe(0);
    expect(refused.stdout + refused.stderr).toContain('cannot hand the primary role of pg0 to pg1 through dev.proxy[0], which owns it');
    expect(refused.stdout + refused.stderr).not.toMatch(/\n\s+at /);
    expect(await waitConverged(scope(), 'after the refused switchover', 30_000)).toBe('pg0');
    const pending = await workspace.run('plan', '--detailed-exitcode');
    expect(pending.code, 'the plan must still show the setting pg0 does not run with').toBe(2);
    expect(pending.stdout).toContain('dev.postgres[0] will be updated in place (restarts for parameters.shared_buffers)');

    await queryMember(scope(), 'pg0', 'GRANT ALTER SYSTEM ON PARAMETER default_transaction_read_only TO admin');
    const rerun = await workspace.run('apply', '--auto-approve');
    expect(rerun.code, rerun.stdout + rerun.stderr).toBe(0);
    expect(await waitConverged(scope(), 'after the re-run', 30_000)).toBe('pg1');
    expect(await settings()).toEqual(['pg0', 'pg1', 'pg2'].map((name) => ({ name, sharedBuffers: '72MB', pending: 0 })));
    expect((await workspace.run('plan', '--detailed-exitcode')).code).toBe(0);
  }, 180_000);

  it('a setting applied by reload restarts nothing, and the plan neither says so nor touches the proxies', async () => {
    const primary = await waitConverged(scope(), 'before the reload', 60_000);
    const sharedBuffers = (await settings())[0]!.sharedBuffers;
    const started = await Promise.all(clusterMembers(scope()).map((member) => queryInstance<{ t: string }>(member.instance, 'SELECT pg_postmaster_start_time()::text AS t')));
    await workspace.writeTopology(topology(sharedBuffers, '8MB'));
    const planned = await workspace.run('plan');
    expect(planned.stdout).not.toContain('restarts for');
    expect(planned.stdout).not.toContain('dev.proxy[0] will be updated');
    const apply = await workspace.run('apply', '--auto-approve');
    expect(apply.code, apply.stdout + apply.stderr).toBe(0);
    expect(apply.stdout).toContain('parameters applied by reload');
    expect(await waitConverged(scope(), 'after the reload', 30_000)).toBe(primary);
    const after = await Promise.all(clusterMembers(scope()).map((member) => queryInstance<{ t: string; w: string }>(member.instance,
      "SELECT pg_postmaster_start_time()::text AS t, current_setting('work_mem') AS w")));
    expect(after.map((rows) => rows[0]!.t)).toEqual(started.map((rows) => rows[0]!.t));
    expect(after.map((rows) => rows[0]!.w)).toEqual(['8MB', '8MB', '8MB']);
  }, 120_000);
});

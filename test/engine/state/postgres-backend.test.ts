// The postgres state backend against a real PostgreSQL: concurrent applies, a killed holder, force-unlock and the
// optimistic serial check.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { eventually, startPgCluster, type PgCluster } from '../../support/pg-cluster.ts';
import { World } from '../../../providers/simulated/world.ts';
import { PostgresStateBackend } from '../../../engine/state/postgres-backend.ts';
import { runPgtopo, startPgtopo } from '../support/run-pgtopo.ts';

const TOPOLOGY = `version: 1
name: shop
state: { backend: postgres, connection: { fromEnv: PGTOPO_STATE_URL }, table: team_state }
clusters:
  dev:
    environment: local
    postgres: { instances: 2 }
    proxy: { instances: 1 }
users:
  - { name: app, auth: trust }
`;

describe('postgres state backend', () => {
  let cluster: PgCluster;
  let url: string;
  const dir = mkdtempSync(join(tmpdir(), 'pgtopo-pgstate-'));
  const world = join(dir, 'world.json');
  const backend = (): PostgresStateBackend => new PostgresStateBackend(url, 'team_state', 'shop');
  const run = (...args: string[]) => runPgtopo(args, { cwd: dir, world, env: { PGTOPO_STATE_URL: url } });
  const start = (...args: string[]) => startPgtopo(args, { cwd: dir, world, env: { PGTOPO_STATE_URL: url } });

  async function waitForHolder(): Promise<{ id: string }> {
    for (let attempt = 0; attempt < 200; attempt++) {
      const info = await backend().readLock().catch(() => null);
      if (info) return info;
      await sleep(50);
    }
    throw new Error('nobody took the lock');
  }

  /** Holds every create until release() (a gate file the simulated provider waits on): an apply stays mid-flight. */
  function holdCreates(): { release: () => void } {
    const gate = join(dir, 'hold-creates');
    writeFileSync(gate, '');
    new World(world).addFault({ operation: 'create', holdWhile: gate });
    return { release: () => rmSync(gate, { force: true }) };
  }

  beforeAll(async () => {
    cluster = await startPgCluster({ standbys: 0 });
    url = cluster.connectionString(cluster.primary);
    writeFileSync(join(dir, 'pgtopo.yaml'), TOPOLOGY);
  });
  afterAll(async () => {
    await cluster?.stop();
    rmSync(dir, { recursive: true, force: true });
  });

  it('keeps one digest key per topology in its own table, apart from the state rows, the same for every run', async () => {
    const [first, second] = await Promise.all([backend().digestKey(), backend().digestKey()]);
    expect(first).toHaveLength(32);
    expect(second).toEqual(first);
    const rows = await cluster.query<{ key: string }>(cluster.primary, "SELECT key FROM team_state_keys WHERE name = 'shop'");
    expect(rows.map((row) => row.key)).toEqual([first.toString('hex')]);
    expect(await new PostgresStateBackend(url, 'team_state', 'other').digestKey()).not.toEqual(first);
  });

  it('two concurrent applies: the second fails clearly or waits; the state row is never corrupted', async () => {
    const hold = holdCreates();
    const first = start('apply', '--auto-approve');
    const holder = await waitForHolder();
    const second = await run('apply', '--auto-approve');
    expect(second.code).toBe(1);
    expect(second.stderr).toContain(`state is locked: lock ${holder.id} held by`);
    const waiting = start('apply', '--auto-approve', '--lock-timeout', '60s');
    await eventually('the third apply to wait for the lock', () => Promise.resolve(waiting.output().stderr), (stderr) => stderr.includes('waiting for the state lock'), 60_000);
    hold.release();
    expect((await first.done).code).toBe(0);
    const waited = await waiting.done;
    expect(waited.code, waited.stdout + waited.stderr).toBe(0);
    expect(waited.stdout).toContain('No changes.');
    const state = await backend().read();
    expect(state!.resources).toHaveLength(4);
    const rows = await cluster.query<{ serial: string }>(cluster.primary, "SELECT serial FROM team_state WHERE name = 'shop'");
    expect(Number(rows[0]!.serial)).toBe(state!.serial);
    new World(world).clearFaults();
  });

  it('a killed holder frees the lock with its session; the next apply converges', async () => {
    writeFileSync(join(dir, 'pgtopo.yaml'), TOPOLOGY.replace('instances: 2', 'instances: 3'));
    const hold = holdCreates();
    const creates = () => new World(world).calls()['simulated_server.create'] ?? 0;
    const createsBefore = creates();
    const victim = start('apply', '--auto-approve');
    await waitForHolder();
    // Killed in the middle of creating a server, holding the lock.
    await eventually('the victim to be creating a server', () => Promise.resolve(creates()), (count) => count > createsBefore, 60_000);
    victim.child.kill('SIGKILL');
    await victim.done;
    hold.release();
    new World(world).clearFaults();
    const rerun = await run('apply', '--auto-approve', '--lock-timeout', '10s');
    expect(rerun.code, rerun.stdout + rerun.stderr).toBe(0);
    expect(new World(world).objectsOf('simulated_server')).toHaveLength(3);
    expect((await run('plan', '--detailed-exitcode')).code).toBe(0);
  });

  it('force-unlock ends the holder session; the holder fails cleanly and state stays readable', async () => {
    writeFileSync(join(dir, 'pgtopo.yaml'), TOPOLOGY.replace('instances: 2', 'instances: 4'));
    const hold = holdCreates();
    const stuck = start('apply', '--auto-approve');
    const holder = await waitForHolder();
    const unlocked = await run('force-unlock', holder.id);
    expect(unlocked.code, unlocked.stdout + unlocked.stderr).toBe(0);
    expect(unlocked.stdout).toContain(`Released lock ${holder.id}`);
    hold.release();
    const outcome = await stuck.done;
    expect(outcome.code).toBe(1);
    expect(outcome.stdout + outcome.stderr).not.toMatch(/\n\s+at /);
    new World(world).clearFaults();
    const rerun = await run('apply', '--auto-approve');
    expect(rerun.code, rerun.stdout + rerun.stderr + outcome.stdout + outcome.stderr).toBe(0);
    expect(new World(world).objectsOf('simulated_server')).toHaveLength(4);
  });

  it('rejects a write whose serial does not follow the stored one', async () => {
    const state = (await backend().read())!;
    const writer = backend();
    const lock = await writer.lock({ operation: 'test', timeoutMs: 5000 });
    try {
      await expect(writer.write({ ...state, serial: state.serial + 5 })).rejects.toThrow(/serial conflict/);
      await expect(writer.write({ ...state, serial: state.serial })).rejects.toThrow(/serial conflict/);
    } finally {
      await lock.release();
    }
    expect((await backend().read())!.serial).toBe(state.serial);
  });
});

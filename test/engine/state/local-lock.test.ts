import { afterAll, describe, expect, it } from 'vitest';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { hostname, tmpdir } from 'node:os';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { World } from '../../../providers/simulated/world.ts';
import { parseState } from '../../../engine/state/state-format.ts';
import { eventually } from '../../support/pg-cluster.ts';
import { runPgtopo, startPgtopo } from '../support/run-pgtopo.ts';

const TOPOLOGY = `version: 1
name: shop
clusters:
  dev:
    environment: local
    postgres: { instances: 2 }
    proxy: { instances: 1 }
users:
  - { name: app, auth: trust }
`;

async function waitForLockFile(path: string): Promise<{ id: string; pid: number }> {
  for (let attempt = 0; attempt < 200; attempt++) {
    try {
      return JSON.parse(readFileSync(path, 'utf8')) as { id: string; pid: number };
    } catch {
      await sleep(50);
    }
  }
  throw new Error(`no lock file at ${path}`);
}

describe('local state lock', () => {
  const dir = mkdtempSync(join(tmpdir(), 'pgtopo-lock-'));
  const world = join(dir, 'world.json');
  const lockPath = join(dir, '.pgtopo', 'state.json.lock');
  writeFileSync(join(dir, 'pgtopo.yaml'), TOPOLOGY);
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('a second apply fails at once naming the holder, or waits with --lock-timeout; state stays whole', async () => {
    // Every create waits while the gate file exists: the first apply holds the lock until the gate goes.
    const gate = join(dir, 'hold-creates');
    writeFileSync(gate, '');
    new World(world).addFault({ operation: 'create', holdWhile: gate });
    const first = startPgtopo(['apply', '--auto-approve'], { cwd: dir, world });
    const holder = await waitForLockFile(lockPath);
    const second = await runPgtopo(['apply', '--auto-approve'], { cwd: dir, world });
    expect(second.code).toBe(1);
    expect(second.stderr).toContain(`state is locked: lock ${holder.id} held by`);
    expect(second.stderr).toContain(`(pid ${holder.pid}) for "apply"`);
    expect(second.stderr).toContain(`pgtopo force-unlock ${holder.id}`);
    const waiting = startPgtopo(['apply', '--auto-approve', '--lock-timeout', '60s'], { cwd: dir, world });
    await eventually('the third apply to wait for the lock', () => Promise.resolve(waiting.output().stderr), (stderr) => stderr.includes('waiting for the state lock'), 60_000);
    rmSync(gate);
    expect((await first.done).code).toBe(0);
    const waited = await waiting.done;
    expect(waited.code, waited.stdout + waited.stderr).toBe(0);
    expect(waited.stdout).toContain('No changes.');
    const state = parseState(readFileSync(join(dir, '.pgtopo', 'state.json'), 'utf8'), 'state');
    expect(state.resources).toHaveLength(4);
    expect(new World(world).objectsOf('simulated_server')).toHaveLength(2);
  });

  it('takes over the lock of a holder that died, saying so', async () => {
    writeFileSync(lockPath, JSON.stringify({ id: 'dead-run', holder: 'ci', host: hostname(), pid: 2 ** 22 + 12345, created: '2026-01-01T00:00:00Z', operation: 'apply', topology: 'shop' }));
    const result = await runPgtopo(['apply', '--auto-approve'], { cwd: dir, world });
    expect(result.code).toBe(0);
    expect(result.stderr).toContain('taking over a stale state lock: lock dead-run held by ci@');
  });

  it('is not fooled by a recycled pid: a live process that started after the holder is not the holder', async () => {
    writeFileSync(lockPath, JSON.stringify({ id: 'recycled', holder: 'ci', host: hostname(), pid: process.pid, pidStart: '1',
      created: '2026-01-01T00:00:00Z', operation: 'apply', topology: 'shop' }));
    const result = await runPgtopo(['apply', '--auto-approve'], { cwd: dir, world });
    expect(result.code).toBe(0);
    expect(result.stderr).toContain('taking over a stale state lock: lock recycled');
  });

  it('force-unlock releases a lock from another host by its id, and refuses a wrong id', async () => {
    writeFileSync(lockPath, JSON.stringify({ id: 'other-host-run', holder: 'ci', host: 'elsewhere', pid: 1, created: '2026-01-01T00:00:00Z', operation: 'apply', topology: 'shop' }));
    const blocked = await runPgtopo(['plan', '--refresh-only'], { cwd: dir, world });
    expect(blocked.code).toBe(0); // plan only reads state: a lock does not block it
    const locked = await runPgtopo(['apply', '--auto-approve'], { cwd: dir, world });
    expect(locked.stderr).toContain('held by ci@elsewhere');
    const wrong = await runPgtopo(['force-unlock', 'not-the-id'], { cwd: dir, world });
    expect(wrong.code).toBe(1);
    expect(wrong.stderr).toContain('lock id mismatch: the current lock is other-host-run');
    const unlocked = await runPgtopo(['force-unlock', 'other-host-run'], { cwd: dir, world });
    expect(unlocked.code).toBe(0);
    expect(unlocked.stdout).toContain('Released lock other-host-run held by ci@elsewhere');
    expect((await runPgtopo(['apply', '--auto-approve'], { cwd: dir, world })).code).toBe(0);
  });
});

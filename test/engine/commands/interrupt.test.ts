// Ctrl-C during apply: the first lets in-flight work finish and saves state; a second aborts at once. Either way a
// re-run converges.
import { afterAll, describe, expect, it } from 'vitest';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { eventually } from '../../support/pg-cluster.ts';
import { World } from '../../../providers/simulated/world.ts';
import { parseState } from '../../../engine/state/state-format.ts';
import { runPgtopo, startPgtopo } from '../support/run-pgtopo.ts';

const TOPOLOGY = `version: 1
name: shop
clusters:
  dev:
    environment: local
    postgres: { instances: 3 }
    proxy: { instances: 2 }
users:
  - { name: app, auth: trust }
`;

describe('interrupting apply', () => {
  const dir = mkdtempSync(join(tmpdir(), 'pgtopo-sigint-'));
  const world = new World(join(dir, 'world.json'));
  writeFileSync(join(dir, 'pgtopo.yaml'), TOPOLOGY);
  afterAll(() => rmSync(dir, { recursive: true, force: true }));
  const statePath = join(dir, '.pgtopo', 'state.json');

  it('first Ctrl-C: in-flight operations finish, nothing new starts, state saved, exit 1; a re-run converges', async () => {
    world.addFault({ operation: 'create', delayMs: 1500 });
    const apply = startPgtopo(['apply', '--auto-approve', '--parallelism', '1'], { cwd: dir, world: world.path });
    await eventually('the first create to start', async () => apply.output().stdout, (out) => out.includes('dev.network: Creating...'));
    apply.child.kill('SIGINT');
    const result = await apply.done;
    expect(result.code).toBe(1);
    expect(result.stdout).toContain('Interrupt received: finishing operations in flight');
    expect(result.stdout).toMatch(/dev\.network: Creation complete after \d+s \[id=net-\d+\]/);
    expect(result.stdout).toContain('dev.postgres[0]  skipped create  interrupted before it started');
    expect(result.stdout).toContain('Apply interrupted: 0 failed, 5 skipped; 1 added, 0 changed, 0 destroyed.');
    const state = parseState(readFileSync(statePath, 'utf8'), 'state');
    expect(state.resources.map((resource) => resource.address)).toEqual(['dev.network']);
    world.clearFaults();
    expect((await runPgtopo(['apply', '--auto-approve'], { cwd: dir, world: world.path })).code).toBe(0);
    expect(Object.values(world.load().objects).flat()).toHaveLength(6);
  });

  it('second Ctrl-C aborts at once (exit 130); the re-run resolves the interrupted create', async () => {
    writeFileSync(join(dir, 'pgtopo.yaml'), TOPOLOGY.replace('instances: 3', 'instances: 4'));
    world.addFault({ operation: 'create', delayMs: 5000 });
    const apply = startPgtopo(['apply', '--auto-approve'], { cwd: dir, world: world.path });
    await eventually('the create to start', async () => apply.output().stdout, (out) => out.includes('dev.postgres[3]: Creating...'));
    apply.child.kill('SIGINT');
    await eventually('the first interrupt to register', async () => apply.output().stdout, (out) => out.includes('Interrupt received'));
    apply.child.kill('SIGINT');
    const result = await apply.done;
    expect(result.code).toBe(130);
    expect(result.stdout).toContain('Second interrupt: aborting');
    expect(parseState(readFileSync(statePath, 'utf8'), 'state').pending.map((marker) => marker.address)).toEqual(['dev.postgres[3]']);
    world.clearFaults();
    const rerun = await runPgtopo(['apply', '--auto-approve'], { cwd: dir, world: world.path });
    expect(rerun.code, rerun.stdout + rerun.stderr).toBe(0);
    expect(world.objectsOf('simulated_server')).toHaveLength(4);
    expect(parseState(readFileSync(statePath, 'utf8'), 'state').pending).toEqual([]);
  });
});

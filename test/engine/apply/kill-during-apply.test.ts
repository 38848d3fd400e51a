// kill -9 of an apply process at random points, then a re-run: it must converge with no leaked or duplicated
// object and a readable state, whatever the moment of the kill.
import { afterAll, describe, expect, it } from 'vitest';
import { spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import type { Topology } from '../../../schemas/topology.ts';
import { World } from '../../../providers/simulated/world.ts';
import { parseState } from '../../../engine/state/state-format.ts';
import { localTopology } from '../support/engine-fixture.ts';

const NODE = join(process.cwd(), 'node_modules', '.bin', 'node');
const RUNNER = join(import.meta.dirname, '..', 'support', 'apply-runner.ts');
const TRIALS = 24;

/** The shapes trials cycle through, so kills land in creates, updates, replaces and deletes. */
const SHAPES: Topology[] = [
  localTopology({ dev: { instances: 3, proxies: 2, poolSize: 10 }, qa: { instances: 1, proxies: 1 } }),
  localTopology({ dev: { instances: 2, proxies: 2, poolSize: 30 }, qa: { instances: 2, proxies: 1, proxyPort: 7000 } }),
  localTopology({ dev: { instances: 3, proxies: 1, poolSize: 30, proxyPort: 8000 } }),
  localTopology({ dev: { instances: 1, proxies: 2, poolSize: 5 }, qa: { instances: 1, proxies: 2 } }),
  localTopology({}),
];

interface RunResult { code: number | null; signal: string | null; stdout: string; stderr: string }

/** Runs the child; with `killAtEvent`, SIGKILLs it a random 0–30 ms after its n-th progress event. */
function runApply(dir: string, topology: Topology, killAtEvent?: number): Promise<RunResult> {
  const topologyPath = join(dir, `topology-${Date.now()}.json`);
  writeFileSync(topologyPath, JSON.stringify(topology));
  const child = spawn(NODE, [RUNNER, join(dir, 'world.json'), join(dir, 'state.json'), topologyPath, '4'], { stdio: ['ignore', 'pipe', 'pipe'] });
  let stderr = '';
  let stdout = '';
  child.stderr.on('data', (chunk: Buffer) => void (stderr += chunk.toString()));
  let armed = killAtEvent !== undefined;
  child.stdout.on('data', (chunk: Buffer) => {
    stdout += chunk.toString();
    if (!armed || stdout.split('"kind":').length - 1 < killAtEvent!) return;
    armed = false;
    setTimeout(() => child.kill('SIGKILL'), Math.floor(Math.random() * 30));
  });
  return new Promise((resolve) => child.on('exit', (code, signal) => resolve({ code, signal, stdout, stderr })));
}

function checkWorldMatchesState(dir: string): void {
  const state = parseState(readFileSync(join(dir, 'state.json'), 'utf8'), 'state');
  const world = new World(join(dir, 'world.json')).load();
  const objects = Object.values(world.objects).flat();
  const names = objects.map((object) => object.name);
  expect(new Set(names).size, `duplicated objects: ${names.join(', ')}`).toBe(names.length);
  const managed = new Set(state.resources.map((resource) => resource.id));
  const leaked = objects.filter((object) => !managed.has(object.id)).map((object) => object.name);
  expect(leaked, 'objects in the world that state does not know').toEqual([]);
  expect(state.resources.every((resource) => objects.some((object) => object.id === resource.id))).toBe(true);
  expect(state.pending).toEqual([]);
}

describe('kill -9 during apply', () => {
  const dir = mkdtempSync(join(tmpdir(), 'pgtopo-kill-'));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it(`converges after a kill at a random point, ${TRIALS} times in a row`, async () => {
    // Every provider call takes a little while, so kills land inside operations as well as between them.
    const world = new World(join(dir, 'world.json'));
    for (const operation of ['create', 'update', 'delete'] as const) world.addFault({ operation, delayMs: 25 });
    let killedMidway = 0;
    for (let trial = 0; trial < TRIALS; trial++) {
      const topology = SHAPES[trial % SHAPES.length]!;
      const killed = await runApply(dir, topology, 1 + Math.floor(Math.random() * 12));
      // Midway: the child had started operations (printed events) but not finished.
      if (killed.signal === 'SIGKILL' && killed.stdout.includes('"kind":"start"') && !killed.stdout.includes('"done":true')) killedMidway += 1;
      const rerun = await runApply(dir, topology);
      expect(rerun.code, `trial ${trial}: re-run failed: ${rerun.stderr}`).toBe(0);
      checkWorldMatchesState(dir);
      const objects = Object.values(world.load().objects).flat();
      const expected = Object.values(topology.clusters).reduce((sum, cluster) =>
        sum + 1 + (cluster.environment === 'local' ? (cluster.postgres?.instances ?? 1) + (cluster.proxy?.instances ?? 1) : 0), 0);
      expect(objects).toHaveLength(expected);
      await sleep(1);
    }
    // The kill must really have interrupted applies, or this test proves nothing.
    expect(killedMidway).toBeGreaterThanOrEqual(TRIALS / 2);
  }, 300_000);
});

// kill -9 of an apply process at random points, then a re-run: it must converge with no leaked or duplicated
// object and a readable state, whatever the moment of the kill. The points come from a seed that the test's name and
// every failure print; PGTOPO_KILL_SEED=<seed> picks the same events and delays again (where in an operation a
// kill lands still depends on scheduling).
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
import { seededRandom } from '../../support/seeded-random.ts';

const NODE = join(process.cwd(), 'node_modules', '.bin', 'node');
const RUNNER = join(import.meta.dirname, '..', 'support', 'apply-runner.ts');
const TRIALS = 24;
const SEED = Number(process.env.PGTOPO_KILL_SEED ?? Math.floor(Math.random() * 1_000_000));

/** The shapes trials cycle through, so kills land in creates, updates, replaces and deletes. */
const SHAPES: Topology[] = [
  localTopology({ dev: { instances: 3, proxies: 2, poolSize: 10 }, qa: { instances: 1, proxies: 1 } }),
  localTopology({ dev: { instances: 2, proxies: 2, poolSize: 30 }, qa: { instances: 2, proxies: 1, proxyPort: 7000 } }),
  localTopology({ dev: { instances: 3, proxies: 1, poolSize: 30, proxyPort: 8000 } }),
  localTopology({ dev: { instances: 1, proxies: 2, poolSize: 5 }, qa: { instances: 1, proxies: 2 } }),
  localTopology({}),
];

interface RunResult { code: number | null; signal: string | null; stdout: string; stderr: string }

/** Runs the child; with `kill`, SIGKILLs it `delayMs` after its n-th progress event. */
function runApply(dir: string, topology: Topology, kill?: { atEvent: number; delayMs: number }): Promise<RunResult> {
  const topologyPath = join(dir, `topology-${Date.now()}.json`);
  writeFileSync(topologyPath, JSON.stringify(topology));
  const child = spawn(NODE, [RUNNER, join(dir, 'world.json'), join(dir, 'state.json'), topologyPath, '4'], { stdio: ['ignore', 'pipe', 'pipe'] });
  let stderr = '';
  let stdout = '';
  child.stderr.on('data', (chunk: Buffer) => void (stderr += chunk.toString()));
  let armed = kill !== undefined;
  child.stdout.on('data', (chunk: Buffer) => {
    stdout += chunk.toString();
    if (!armed || stdout.split('"kind":').length - 1 < kill!.atEvent) return;
    armed = false;
    setTimeout(() => child.kill('SIGKILL'), kill!.delayMs);
  });
  return new Promise((resolve) => child.on('exit', (code, signal) => resolve({ code, signal, stdout, stderr })));
}

function checkWorldMatchesState(dir: string, trial: string): void {
  const state = parseState(readFileSync(join(dir, 'state.json'), 'utf8'), 'state');
  const world = new World(join(dir, 'world.json')).load();
  const objects = Object.values(world.objects).flat();
  const names = objects.map((object) => object.name);
  expect(new Set(names).size, `${trial}: duplicated objects: ${names.join(', ')}`).toBe(names.length);
  const managed = new Set(state.resources.map((resource) => resource.id));
  const leaked = objects.filter((object) => !managed.has(object.id)).map((object) => object.name);
  expect(leaked, `${trial}: objects in the world that state does not know`).toEqual([]);
  expect(state.resources.every((resource) => objects.some((object) => object.id === resource.id)), `${trial}: state names vanished objects`).toBe(true);
  expect(state.pending, `${trial}: pending markers left`).toEqual([]);
}

describe('kill -9 during apply', () => {
  const dir = mkdtempSync(join(tmpdir(), 'pgtopo-kill-'));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it(`converges after a kill at a random point, ${TRIALS} times in a row (seed ${SEED})`, async () => {
    const random = seededRandom(SEED);
    // Every provider call takes a little while, so kills land inside operations as well as between them.
    const world = new World(join(dir, 'world.json'));
    for (const operation of ['create', 'update', 'delete'] as const) world.addFault({ operation, delayMs: 25 });
    let killedMidway = 0;
    for (let trial = 0; trial < TRIALS; trial++) {
      const topology = SHAPES[trial % SHAPES.length]!;
      const kill = { atEvent: 1 + Math.floor(random() * 12), delayMs: Math.floor(random() * 30) };
      const where = `seed ${SEED} (PGTOPO_KILL_SEED=${SEED} replays it), trial ${trial}, kill ${kill.delayMs} ms after event ${kill.atEvent}`;
      const killed = await runApply(dir, topology, kill);
      // Midway: the child had started operations (printed events) but not finished.
      if (killed.signal === 'SIGKILL' && killed.stdout.includes('"kind":"start"') && !killed.stdout.includes('"done":true')) killedMidway += 1;
      const rerun = await runApply(dir, topology);
      expect(rerun.code, `${where}: re-run failed: ${rerun.stderr}`).toBe(0);
      checkWorldMatchesState(dir, where);
      const objects = Object.values(world.load().objects).flat();
      const expected = Object.values(topology.clusters).reduce((sum, cluster) =>
        sum + 1 + (cluster.environment === 'local' ? (cluster.postgres?.instances ?? 1) + (cluster.proxy?.instances ?? 1) : 0), 0);
      expect(objects, where).toHaveLength(expected);
      await sleep(1);
    }
    // The kill must really have interrupted applies, or this test proves nothing.
    expect(killedMidway, `seed ${SEED}: kills that interrupted an apply`).toBeGreaterThanOrEqual(TRIALS / 2);
  }, 300_000);
});

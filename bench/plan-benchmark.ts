// The engine's plan benchmark: 1,000 clusters (5,000 resources) against the simulated provider. It reports wall
// time of each phase and the provider's list calls per resource type, at 10, 100 and 1,000 clusters, to show that
// refresh makes one call per type and scope however many resources a type has.
// Prints JSON on stdout (the bench harness includes it) and a readable table on stderr.
// Usage: node bench/plan-benchmark.ts [--clusters 1000]
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Topology } from '../schemas/topology.ts';
import { ProviderRegistry } from '../providers/provider.ts';
import { simulatedProvider } from '../providers/simulated/simulated-provider.ts';
import { World, type WorldDocument } from '../providers/simulated/world.ts';
import { applyPlan } from '../engine/apply/apply-plan.ts';
import { buildPlan } from '../engine/plan/build-plan.ts';
import type { Plan } from '../engine/plan/plan-model.ts';
import { SecretResolver } from '../engine/plan/secret-resolver.ts';
import { LocalStateBackend } from '../engine/state/local-backend.ts';
import type { LockHandle, StateBackend } from '../engine/state/state-backend.ts';
import type { State } from '../engine/state/state-format.ts';
import { newDigestKey } from '../engine/state/secret-digest.ts';

/** Seeding 5,000 objects through the file-backed world would measure the disk, not the engine. */
class MemoryWorld extends World {
  #document: WorldDocument;
  constructor(path: string, document: WorldDocument) {
    super(path);
    this.#document = document;
  }
  override load(): WorldDocument {
    return this.#document;
  }
  override mutate<T>(change: (world: WorldDocument) => T): T {
    return change(this.#document);
  }
}

// One digest key for the run: the seeded state moves from memory to a file and must still compare equal.
const DIGEST_KEY = newDigestKey();

class MemoryStateBackend implements StateBackend {
  state: State | null = null;
  describe(): string { return 'memory'; }
  async digestKey(): Promise<Buffer> { return DIGEST_KEY; }
  async read(): Promise<State | null> { return this.state; }
  async write(state: State): Promise<void> { this.state = state; }
  async lock(): Promise<LockHandle> { throw new Error('not used'); }
  async readLock(): Promise<null> { return null; }
  async forceUnlock(): Promise<never> { throw new Error('not used'); }
  async close(): Promise<void> {}
}

interface PhaseResult {
  seconds: number;
  resources: number;
  changes: Record<string, number>;
  drift: number;
  providerListCalls: Record<string, number>;
}

function topology(clusters: number): Topology {
  const entries = Array.from({ length: clusters }, (_, index) => [`c${String(index).padStart(4, '0')}`, {
    environment: 'local' as const, postgres: { instances: 2 }, proxy: { instances: 2 },
  }]);
  return { version: 1, name: 'bench', clusters: Object.fromEntries(entries) };
}

async function timedPlan(world: World, registry: ProviderRegistry, desired: Topology, state: State | null): Promise<{ plan: Plan; result: PhaseResult }> {
  const before = { ...world.load().calls };
  const started = performance.now();
  const plan = await buildPlan({
    topology: desired, topologyFile: 'bench.yaml', topologyHash: 'bench', registry, storedState: state, digestKey: DIGEST_KEY,
    secrets: new SecretResolver(process.cwd()), mode: 'apply', parallelism: 10,
  });
  const seconds = (performance.now() - started) / 1000;
  const after = world.load().calls;
  const providerListCalls = Object.fromEntries(Object.keys(after).filter((key) => key.endsWith('.read'))
    .map((key) => [key.replace(/\.read$/, ''), after[key]! - (before[key] ?? 0)]));
  const changes: Record<string, number> = {};
  for (const change of plan.resource_changes) changes[change.action] = (changes[change.action] ?? 0) + 1;
  return { plan, result: { seconds, resources: plan.resource_changes.length, changes, drift: plan.drift.length, providerListCalls } };
}

async function benchmark(clusters: number, dir: string): Promise<Record<string, PhaseResult | number>> {
  const worldPath = join(dir, `world-${clusters}.json`);
  const memory = new MemoryWorld(worldPath, { nextId: 1, objects: {}, calls: {}, faults: [], unhealthy: [] });
  const memoryRegistry = new ProviderRegistry([simulatedProvider(worldPath, ['local'], memory)]);
  const desired = topology(clusters);
  const empty = await timedPlan(memory, memoryRegistry, desired, null);
  const memoryState = new MemoryStateBackend();
  const applyStarted = performance.now();
  const applied = await applyPlan(empty.plan, { registry: memoryRegistry, backend: memoryState, secrets: new SecretResolver(dir), parallelism: 50 });
  if (!applied.ok) throw new Error('seeding apply failed');
  const applySeconds = (performance.now() - applyStarted) / 1000;

  // From here on: the real file-backed world and the local state file, as a user would have them.
  writeFileSync(worldPath, JSON.stringify({ ...memory.load(), calls: {} }));
  const state = new LocalStateBackend(join(dir, `state-${clusters}.json`), 'bench');
  await state.write({ ...memoryState.state!, serial: 1 });
  const world = new World(worldPath);
  const registry = new ProviderRegistry([simulatedProvider(worldPath, ['local'], world)]);
  const steady = await timedPlan(world, registry, desired, await state.read());
  for (let index = 0; index < Math.min(10, clusters); index++) {
    world.changeOutOfBand('simulated_proxy', `bench-c${String(index).padStart(4, '0')}-proxy-0`, { pool_size: 99 });
  }
  const drifted = await timedPlan(world, registry, desired, await state.read());
  return { planFromEmpty: empty.result, seedApplySeconds: applySeconds, planNoChanges: steady.result, planWithDrift: drifted.result };
}

function clustersArgument(): number[] {
  const index = process.argv.indexOf('--clusters');
  return index > 0 ? [Number(process.argv[index + 1])] : [10, 100, 1000];
}

const dir = mkdtempSync(join(tmpdir(), 'pgtopo-plan-bench-'));
try {
  const runs: Record<string, unknown> = {};
  for (const clusters of clustersArgument()) {
    const result = await benchmark(clusters, dir);
    runs[clusters] = result;
    const steady = result.planNoChanges as PhaseResult;
    process.stderr.write(`${String(clusters).padStart(5)} clusters, ${steady.resources} resources: ` +
      `plan from empty ${(result.planFromEmpty as PhaseResult).seconds.toFixed(2)} s, ` +
      `plan no changes ${steady.seconds.toFixed(2)} s, plan with drift ${(result.planWithDrift as PhaseResult).seconds.toFixed(2)} s, ` +
      `seed apply (in memory) ${(result.seedApplySeconds as number).toFixed(2)} s; list calls per type ${JSON.stringify(steady.providerListCalls)}\n`);
  }
  process.stdout.write(`${JSON.stringify({ benchmark: 'pgtopo-plan', node: process.version, runs }, null, 2)}\n`);
} finally {
  rmSync(dir, { recursive: true, force: true });
}

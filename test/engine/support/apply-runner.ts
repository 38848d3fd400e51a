// A minimal apply process for crash tests: lock, plan, apply with the simulated provider against a world file.
// Usage: node apply-runner.ts <world.json> <state.json> <topology.json> [parallelism]
import { readFileSync } from 'node:fs';
import { dirname } from 'node:path';
import type { Topology } from '../../../schemas/topology.ts';
import { ProviderRegistry } from '../../../providers/provider.ts';
import { simulatedProvider } from '../../../providers/simulated/simulated-provider.ts';
import { applyPlan } from '../../../engine/apply/apply-plan.ts';
import { buildPlan } from '../../../engine/plan/build-plan.ts';
import { SecretResolver } from '../../../engine/plan/secret-resolver.ts';
import { LocalStateBackend } from '../../../engine/state/local-backend.ts';

const [worldPath, statePath, topologyPath, parallelism = '4'] = process.argv.slice(2) as [string, string, string, string?];
const topology = JSON.parse(readFileSync(topologyPath, 'utf8')) as Topology;
const registry = new ProviderRegistry([simulatedProvider(worldPath, ['local'])]);
const backend = new LocalStateBackend(statePath, topology.name);
const secrets = new SecretResolver(dirname(topologyPath));
const lock = await backend.lock({ operation: 'apply', timeoutMs: 10_000, notice: (message) => process.stderr.write(`${message}\n`) });
try {
  const plan = await buildPlan({
    topology, topologyFile: topologyPath, topologyHash: 'runner', registry, storedState: await backend.read(), digestKey: await backend.digestKey(), secrets,
    mode: 'apply', parallelism: Number(parallelism),
  });
  const result = await applyPlan(plan, {
    registry, backend, secrets, parallelism: Number(parallelism),
    onEvent: (event) => process.stdout.write(`${JSON.stringify(event)}\n`),
  });
  process.stdout.write(`${JSON.stringify({ done: true, ok: result.ok })}\n`);
  process.exitCode = result.ok ? 0 : 1;
} finally {
  await lock.release();
}

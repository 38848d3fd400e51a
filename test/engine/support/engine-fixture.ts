// A sandbox for engine tests: a temp dir holding the simulated world file and a local state backend.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Topology } from '../../../schemas/topology.ts';
import { ProviderRegistry } from '../../../providers/provider.ts';
import { simulatedProvider } from '../../../providers/simulated/simulated-provider.ts';
import { applyPlan, type ApplyEvent, type ApplyResult } from '../../../engine/apply/apply-plan.ts';
import { buildPlan } from '../../../engine/plan/build-plan.ts';
import type { Plan, PlanMode } from '../../../engine/plan/plan-model.ts';
import { SecretResolver } from '../../../engine/plan/secret-resolver.ts';
import { LocalStateBackend } from '../../../engine/state/local-backend.ts';

export interface EngineFixture {
  dir: string;
  worldPath: string;
  statePath: string;
  provider: ReturnType<typeof simulatedProvider>;
  registry: ProviderRegistry;
  backend: LocalStateBackend;
  env: NodeJS.ProcessEnv;
  plan(topology: Topology, options?: { mode?: PlanMode; targets?: string[] }): Promise<Plan>;
  apply(plan: Plan, options?: { parallelism?: number; events?: ApplyEvent[] }): Promise<ApplyResult>;
  converge(topology: Topology): Promise<ApplyResult>;
  cleanup(): void;
}

export function engineFixture(env: NodeJS.ProcessEnv = {}): EngineFixture {
  const dir = mkdtempSync(join(tmpdir(), 'pgtopo-engine-'));
  const worldPath = join(dir, 'world.json');
  const statePath = join(dir, '.pgtopo', 'state.json');
  const provider = simulatedProvider(worldPath, ['local', 'aurora']);
  const registry = new ProviderRegistry([provider]);
  const backend = new LocalStateBackend(statePath, 'test');
  const secrets = new SecretResolver(dir, env);
  const fixture: EngineFixture = {
    dir, worldPath, statePath, provider, registry, backend, env,
    async plan(topology, options = {}) {
      return buildPlan({
        topology, topologyFile: join(dir, 'pgtopo.yaml'), topologyHash: 'hash', registry, storedState: await backend.read(), digestKey: await backend.digestKey(),
        secrets, mode: options.mode ?? 'apply', targets: options.targets, parallelism: 10,
      });
    },
    async apply(plan, options = {}) {
      return applyPlan(plan, {
        registry, backend, secrets, parallelism: options.parallelism ?? 10,
        onEvent: (event) => options.events?.push(event),
      });
    },
    async converge(topology) {
      return fixture.apply(await fixture.plan(topology));
    },
    cleanup: () => rmSync(dir, { recursive: true, force: true }),
  };
  return fixture;
}

export function localTopology(clusters: Record<string, { instances?: number; proxies?: number; poolSize?: number;
  proxyPort?: number; parameters?: Record<string, string> }>, users: Topology['users'] = []): Topology {
  return {
    version: 1,
    name: 'shop',
    users,
    clusters: Object.fromEntries(Object.entries(clusters).map(([name, shape]) => [name, {
      environment: 'local' as const,
      postgres: { instances: shape.instances ?? 2, parameters: shape.parameters },
      proxy: { instances: shape.proxies ?? 1, port: shape.proxyPort, pooling: { poolSize: shape.poolSize } },
    }])),
  };
}

// What every engine run starts from: the loaded topology, its providers, secrets and state backend.
import { resolve } from 'node:path';
import { defaultProviders } from '../../providers/registry.ts';
import type { ProviderRegistry } from '../../providers/provider.ts';
import { openStateBackend } from '../state/open-backend.ts';
import type { LockHandle, StateBackend } from '../state/state-backend.ts';
import { formatDiagnostic } from '../topology/diagnostic.ts';
import { loadTopologyFile, type LoadedTopology } from '../topology/load-topology.ts';
import { buildPlan } from './build-plan.ts';
import type { Plan, PlanMode } from './plan-model.ts';
import { SecretResolver } from './secret-resolver.ts';

export interface Workspace {
  loaded: LoadedTopology;
  registry: ProviderRegistry;
  secrets: SecretResolver;
  backend: StateBackend;
}

export async function openWorkspace(file: string, registry: ProviderRegistry = defaultProviders(),
  warn: (message: string) => void = (message) => process.stderr.write(`${message}\n`)): Promise<Workspace> {
  const result = await loadTopologyFile(file);
  if (!result.ok) {
    const errors = result.diagnostics.map((diagnostic) => formatDiagnostic(diagnostic)).join('\n');
    throw new Error(`${file} is not a valid topology:\n${errors}`);
  }
  for (const warning of result.value.warnings) warn(formatDiagnostic(warning));
  const secrets = new SecretResolver(result.value.dir);
  const backend = await openStateBackend(result.value.topology, result.value.dir, secrets);
  return { loaded: result.value, registry, secrets, backend };
}

export async function lockState(workspace: Workspace, operation: string, timeoutMs: number,
  notice: (message: string) => void = (message) => process.stderr.write(`${message}\n`)): Promise<LockHandle> {
  return workspace.backend.lock({ operation, timeoutMs, notice });
}

/** Runs `work` holding the state lock, always releasing it and closing the backend. */
export async function withLockedState<T>(workspace: Workspace, operation: string, timeoutMs: number, work: () => Promise<T>): Promise<T> {
  const lock = await lockState(workspace, operation, timeoutMs);
  try {
    return await work();
  } finally {
    await lock.release();
    await workspace.backend.close();
  }
}

export interface PlanFlags {
  target?: string[];
  parallelism: number;
}

/** Refresh and plan against the stored state (read now, so call it while holding the lock when applying). */
export async function planWorkspace(workspace: Workspace, mode: PlanMode, flags: PlanFlags, signal?: AbortSignal): Promise<Plan> {
  return buildPlan({
    topology: workspace.loaded.topology,
    topologyFile: resolve(workspace.loaded.file),
    topologyHash: workspace.loaded.hash,
    registry: workspace.registry,
    storedState: await workspace.backend.read(),
    secrets: workspace.secrets,
    mode,
    targets: flags.target,
    parallelism: flags.parallelism,
    signal,
  });
}

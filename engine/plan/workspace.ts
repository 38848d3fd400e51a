// What every engine run starts from: the loaded topology, its providers, secrets and state backend.
import { resolve } from 'node:path';
import { topologyIdentity, type ProviderContext, type ProviderRegistry } from '../../providers/provider.ts';
import { openStateBackend } from '../state/open-backend.ts';
import { newDigestKey } from '../state/secret-digest.ts';
import type { LockHandle, StateBackend } from '../state/state-backend.ts';
import type { State } from '../state/state-format.ts';
import { formatDiagnostic, formatDiagnostics } from '../topology/diagnostic.ts';
import { loadTopologyFile, type LoadedTopology, type LoadResult } from '../topology/load-topology.ts';
import { buildPlan } from './build-plan.ts';
import { configureProviders, type ConfiguredProviders } from './configured-providers.ts';
import type { Plan, PlanMode } from './plan-model.ts';
import { SecretResolver } from './secret-resolver.ts';
import { assertSecretsReadable } from './secret-source-check.ts';

export interface Workspace {
  loaded: LoadedTopology;
  registry: ProviderRegistry;
  /** The providers this topology uses, configured for this run; closeWorkspace closes them. */
  providers: ConfiguredProviders;
  secrets: SecretResolver;
  backend: StateBackend;
}

type Warn = (message: string) => void;
const toStderr: Warn = (message) => process.stderr.write(`${message}\n`);

/** Loads the topology, configures its providers and opens its state backend: close it with closeWorkspace. */
export async function openWorkspace(file: string, registry: ProviderRegistry, warn: Warn = toStderr): Promise<Workspace> {
  return workspaceOf(await loadTopologyFile(file, registry), file, registry, warn);
}

/** A workspace from a topology already read (apply reads its argument once to tell a saved plan from a topology). */
export async function workspaceOf(result: LoadResult, file: string, registry: ProviderRegistry, warn: Warn = toStderr): Promise<Workspace> {
  const loaded = validTopology(result, file, warn);
  const providers = await configureProviders(registry, loaded, process.env, { ...providerContextOf(loaded.topology.name), note: (message) => warn(message) });
  try {
    return { loaded, registry, providers, ...(await openState(loaded)) };
  } catch (error) {
    await providers.close();
    throw error;
  }
}

/** The state as last recorded, read without the providers (nothing is refreshed, no lock is taken). */
export async function readRecordedState(file: string, registry: ProviderRegistry, warn: Warn = toStderr): Promise<State | null> {
  const { backend } = await openState(validTopology(await loadTopologyFile(file, registry), file, warn));
  try {
    return await backend.read();
  } finally {
    await backend.close();
  }
}

/** The topology's secrets and its state backend, once the one secret opening the backend needs is known readable. */
async function openState(loaded: LoadedTopology): Promise<{ secrets: SecretResolver; backend: StateBackend }> {
  const secrets = new SecretResolver(loaded.dir);
  assertSecretsReadable(loaded, secrets, 'state');
  return { secrets, backend: await openStateBackend(loaded.topology, loaded.dir, secrets) };
}

function validTopology(result: LoadResult, file: string, warn: Warn): LoadedTopology {
  if (!result.ok) throw new Error(`${file} is not a valid topology:\n${formatDiagnostics(result.diagnostics)}`);
  for (const warning of result.value.warnings) warn(formatDiagnostic(warning));
  return result.value;
}

/** Closes the state backend and the providers, both even when one fails. */
export async function closeWorkspace(workspace: Workspace): Promise<void> {
  try {
    await workspace.backend.close();
  } finally {
    await workspace.providers.close();
  }
}

/** A provider context for one-off calls outside plan and apply (status, import). */
export function providerContextOf(topologyName: string, signal: AbortSignal = new AbortController().signal): ProviderContext {
  return { topology: topologyIdentity(topologyName), signal, note: () => {} };
}

export async function lockState(workspace: Workspace, operation: string, timeoutMs: number,
  notice: (message: string) => void = (message) => process.stderr.write(`${message}\n`)): Promise<LockHandle> {
  return workspace.backend.lock({ operation, timeoutMs, notice });
}

/** Runs `work` holding the state lock, always releasing it and closing the workspace. */
export async function withLockedState<T>(workspace: Workspace, operation: string, timeoutMs: number, work: () => Promise<T>): Promise<T> {
  try {
    const lock = await lockState(workspace, operation, timeoutMs);
    try {
      return await work();
    } finally {
      await lock.release();
    }
  } finally {
    await closeWorkspace(workspace);
  }
}

export interface PlanFlags {
  target?: string[];
  parallelism: number;
}

/** Refresh and plan against the stored state (read now, so call it while holding the lock when applying). */
export async function planWorkspace(workspace: Workspace, mode: PlanMode, flags: PlanFlags, signal?: AbortSignal): Promise<Plan> {
  // Only a plan of changes reads the secrets (to digest them); a refresh or a destroy needs none.
  if (mode === 'apply') assertSecretsReadable(workspace.loaded, workspace.secrets, 'all');
  const storedState = await workspace.backend.read();
  return buildPlan({
    topology: workspace.loaded.topology,
    topologyFile: resolve(workspace.loaded.file),
    topologyHash: workspace.loaded.hash,
    registry: workspace.registry,
    storedState,
    // Without state there is nothing to compare secrets with, and a plan writes nothing: a throw-away key will do.
    digestKey: storedState ? await workspace.backend.digestKey() : newDigestKey(),
    secrets: workspace.secrets,
    mode,
    targets: flags.target,
    parallelism: flags.parallelism,
    signal,
  });
}

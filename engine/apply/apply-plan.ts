// Executes a plan exactly as planned: walks the changes in dependency order, records each step in state as it
// happens (a pending marker before every create), lets independent work finish when something fails, and
// reports every resource's outcome.
import { isSecretValue, topologyIdentity, type AttributeSchema, type AttributeValue, type ObservedObject, type OperationInput, type ProviderContext, type ProviderRegistry } from '../../providers/provider.ts';
import { walkGraph } from '../graph/parallel-walk.ts';
import { secretText, sensitiveRecord } from '../plan/attribute-values.ts';
import { keepSensitive } from '../plan/build-plan.ts';
import type { PlannedResource } from '../plan/desired-resources.ts';
import { actionableChanges, type Plan, type PlanAction, type ResourceChange } from '../plan/plan-model.ts';
import { resolveForApply } from '../plan/planned-values.ts';
import { replacementOrderOf } from '../plan/replacement-order.ts';
import type { SecretResolver } from '../plan/secret-resolver.ts';
import type { StateBackend } from '../state/state-backend.ts';
import { findResource, withoutResource, withResource, type State, type StateResource } from '../state/state-format.ts';
import { applySteps, type ApplyStep } from './apply-graph.ts';
import { readRuntimeOwnedSources, withCurrentRuntimeOwnedValues } from './runtime-owned-values.ts';
import { SecretDigest } from '../state/secret-digest.ts';
import { StateRecorder } from './state-recorder.ts';

export type ApplyEvent =
  | { kind: 'start'; address: string; action: PlanAction }
  | { kind: 'complete'; address: string; action: PlanAction; id: string | null; elapsedMs: number }
  | { kind: 'failed'; address: string; action: PlanAction; error: string; elapsedMs: number }
  | { kind: 'skipped'; address: string; action: PlanAction; reason: string }
  | { kind: 'note'; address: string; message: string };

export interface ResourceOutcome {
  address: string;
  action: PlanAction;
  status: 'done' | 'failed' | 'skipped';
  id: string | null;
  elapsedMs: number;
  message?: string;
}

export interface ApplyOptions {
  registry: ProviderRegistry;
  backend: StateBackend;
  secrets: SecretResolver;
  parallelism: number;
  onEvent?: (event: ApplyEvent) => void;
  /** First Ctrl-C: nothing new starts. */
  stopped?: () => boolean;
  /** Second Ctrl-C: providers abort what they are waiting on. */
  signal?: AbortSignal;
}

export interface ApplyResult {
  ok: boolean;
  interrupted: boolean;
  outcomes: ResourceOutcome[];
  state: State;
}

export class StalePlanError extends Error {}

export async function applyPlan(plan: Plan, options: ApplyOptions): Promise<ApplyResult> {
  const stored = await options.backend.read();
  checkPlanIsCurrent(plan, stored);
  const recorder = new StateRecorder(options.backend, { ...plan.prior_state, serial: stored?.serial ?? 0 });
  const digest = new SecretDigest(await options.backend.digestKey());
  if (plan.has_changes || stored === null || plan.upgrades_secret_digests) await recorder.record((state) => state);
  const { graph, steps } = applySteps(actionableChanges(plan), plan.prior_state, replacementOrderOf(plan.prior_state, options.registry));
  const outcomes = new Map<string, ResourceOutcome>();
  const emit = options.onEvent ?? (() => {});
  const walk = await walkGraph(graph, async (key) => {
    const { change, phase } = steps.get(key)!;
    const { address } = change;
    const action = eventAction(change, phase);
    const started = Date.now();
    emit({ kind: 'start', address, action });
    try {
      const id = phase === 'destroy' ? await destroyStep(change, plan, recorder, options) : await createOrUpdateStep(change, phase, plan, recorder, options, digest);
      const elapsedMs = Date.now() - started + (outcomes.get(address)?.elapsedMs ?? 0);
      outcomes.set(address, { address, action: change.action, status: 'done', id, elapsedMs });
      emit({ kind: 'complete', address, action, id, elapsedMs: Date.now() - started });
    } catch (error) {
      const elapsedMs = Date.now() - started;
      const message = (error as Error).message;
      outcomes.set(address, { address, action: change.action, status: 'failed', id: change.id, elapsedMs, message });
      emit({ kind: 'failed', address, action, error: message, elapsedMs });
      throw error;
    }
  }, { parallelism: options.parallelism, stopped: options.stopped });
  for (const [key, outcome] of walk) {
    if (outcome.status !== 'skipped') continue;
    const { change } = steps.get(key)!;
    const earlier = outcomes.get(change.address);
    if (earlier?.status === 'failed') continue;
    const message = earlier ? `old object destroyed, replacement not created: ${outcome.reason}` : outcome.reason;
    outcomes.set(change.address, { address: change.address, action: change.action, status: 'skipped', id: null, elapsedMs: 0, message });
    emit({ kind: 'skipped', address: change.address, action: change.action, reason: message });
  }
  const all = [...outcomes.values()].sort((a, b) => a.address.localeCompare(b.address));
  await recordRuntimeOwnedValues(plan, all, recorder, options);
  return {
    ok: all.every((outcome) => outcome.status === 'done'),
    interrupted: options.stopped?.() ?? false,
    outcomes: all,
    state: recorder.current(),
  };
}

async function recordRuntimeOwnedValues(plan: Plan, outcomes: ResourceOutcome[], recorder: StateRecorder, options: ApplyOptions): Promise<void> {
  const changed = new Set(outcomes.filter((outcome) => outcome.status === 'done' && outcome.action !== 'delete').map((outcome) => outcome.address));
  if (changed.size === 0) return;
  const context = { topology: topologyIdentity(plan.topology.name), signal: options.signal ?? new AbortController().signal, note: () => {} };
  const current = await withCurrentRuntimeOwnedValues(recorder.current(), changed, options.registry, context);
  if (current !== recorder.current()) await recorder.record(() => current);
}

/** A plan is applicable only to the exact state it was made from. */
export function checkPlanIsCurrent(plan: Plan, stored: State | null): void {
  const storedLineage = stored?.lineage ?? plan.state.lineage;
  const storedSerial = stored?.serial ?? 0;
  if (storedLineage !== plan.state.lineage || storedSerial !== plan.state.serial) {
    throw new StalePlanError(
      `the saved plan is stale: it was made from state ${plan.state.lineage} serial ${plan.state.serial}, ` +
      `but the state is now ${storedLineage} serial ${storedSerial}. Run pgtopo plan again.`);
  }
}

/** How progress names a step: a replace shows as destroying, then creating. */
function eventAction(change: ResourceChange, phase: ApplyStep['phase']): PlanAction {
  if (change.action !== 'replace') return change.action;
  return phase === 'destroy' ? 'delete' : 'create';
}

function providerContext(change: ResourceChange, plan: Plan, options: ApplyOptions): ProviderContext {
  return {
    topology: topologyIdentity(plan.topology.name),
    signal: options.signal ?? new AbortController().signal,
    note: (message) => options.onEvent?.({ kind: 'note', address: change.address, message }),
  };
}

async function destroyStep(change: ResourceChange, plan: Plan, recorder: StateRecorder, options: ApplyOptions): Promise<null> {
  const type = options.registry.resourceType(change.provider, change.type);
  const existing = findResource(recorder.current(), change.address);
  if (existing) await type.delete!(asObserved(existing), providerContext(change, plan, options));
  await recorder.record((state) => withoutResource(state, change.address));
  return null;
}

async function createOrUpdateStep(change: ResourceChange, phase: 'create' | 'update', plan: Plan, recorder: StateRecorder,
  options: ApplyOptions, digest: SecretDigest): Promise<string> {
  const type = options.registry.resourceType(change.provider, change.type);
  const context = providerContext(change, plan, options);
  const desired = change.desired as PlannedResource;
  const input = await operationInput(desired, plan, recorder.current(), options, context);
  const secrets = clearSecrets(input, options.registry.resourceType(desired.provider, desired.type).attributes);
  if (phase === 'update') {
    const existing = findResource(recorder.current(), change.address)!;
    const updated = await withoutSecrets(secrets, () => type.update!(asObserved(existing), input, change.changes.map((item) => item.name), context));
    await recorder.record((state) => withResource(state, stateResource(desired, updated, input, options, digest)));
    return updated.id;
  }
  const marker = {
    address: desired.address, provider: desired.provider, type: desired.type, name: desired.name,
    scope: desired.scope, dependencies: desired.dependencies, started: new Date().toISOString(),
  };
  await recorder.record((state) => ({ ...state, pending: [...state.pending.filter((item) => item.address !== marker.address), marker] }));
  const created = await withoutSecrets(secrets, () => type.create!(input, context));
  await recorder.record((state) => withResource(
    { ...state, pending: state.pending.filter((item) => item.address !== marker.address) },
    stateResource(desired, created, input, options, digest)));
  return created.id;
}

function clearSecrets(input: OperationInput, schema: Record<string, AttributeSchema>): string[] {
  return Object.keys(schema)
    .filter((key) => schema[key]!.sensitive && input.attributes[key] !== undefined && input.attributes[key] !== null)
    .map((key) => secretText(input.attributes[key]!))
    .filter((text) => text.length > 0);
}

/** A provider error that echoes its input (an API message, a failed command line) must not print the secret. */
async function withoutSecrets<T>(secrets: string[], operation: () => Promise<T>): Promise<T> {
  try {
    return await operation();
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    throw new Error(secrets.reduce((text, secret) => text.replaceAll(secret, '(sensitive)'), message));
  }
}

async function operationInput(desired: PlannedResource, plan: Plan, state: State, options: ApplyOptions,
  context: ProviderContext): Promise<OperationInput> {
  const schema = options.registry.resourceType(desired.provider, desired.type).attributes;
  const current = await readRuntimeOwnedSources(desired, state, options.registry, context);
  const attributes = await resolveForApply(desired, schema, (address, attribute) => {
    const source = plan.data_sources[address] ?? state.resources.find((resource) => resource.address === address);
    if (!source) throw new Error(`${desired.address} needs ${address}.${attribute}, but ${address} does not exist`);
    if (attribute === 'id') return source.id;
    return (current.get(address) ?? source.attributes)[attribute] ?? null;
  }, options);
  return { address: desired.address, name: desired.name, scope: desired.scope, attributes };
}

/** What state records after a create or update: reality's attributes, secrets as reference + hmac only. */
function stateResource(desired: PlannedResource, object: ObservedObject, input: OperationInput, options: ApplyOptions,
  digest: SecretDigest): StateResource {
  const schema = options.registry.resourceType(desired.provider, desired.type).attributes;
  const secrets: Record<string, AttributeValue> = {};
  for (const [key, attribute] of Object.entries(schema)) {
    const clear = input.attributes[key];
    if (!attribute.sensitive || clear === undefined || clear === null) continue;
    const declared = desired.attributes[key];
    const reference = isSecretValue(declared) ? declared.$secret : null;
    secrets[key] = sensitiveRecord(reference, digest.of(`${desired.address}.${key}`, secretText(clear))) as unknown as AttributeValue;
  }
  return {
    address: desired.address, provider: desired.provider, type: desired.type, name: desired.name, scope: desired.scope,
    id: object.id, attributes: keepSensitive(schema, object.attributes, secrets), dependencies: desired.dependencies,
  };
}

function asObserved(resource: StateResource): ObservedObject {
  return { id: resource.id, name: resource.name, attributes: resource.attributes };
}

// Builds a plan: expand the topology, refresh reality in batches, then compare desired ↔ reality per attribute.
// Reality (not the last-saved state) is the "before" side, so the plan shows what apply will really change.
import { dirname } from 'node:path';
import type { Topology } from '../../schemas/topology.ts';
import { topologyIdentity, type AttributeSchema, type AttributeValue, type ObservedObject, type ProviderContext, type ProviderRegistry } from '../../providers/provider.ts';
import { DependencyGraph } from '../graph/dependency-graph.ts';
import { legacyDigestMatches, SecretDigest } from '../state/secret-digest.ts';
import { byAddress, emptyState, type State, type StateResource } from '../state/state-format.ts';
import { canonical, isSensitiveRecord, redactForOutput, valuesEqual } from './attribute-values.ts';
import { withCurrentNames } from './former-names.ts';
import { expandTopology, type PlannedResource } from './desired-resources.ts';
import { resolveForPlan, type PlannedValueLookup } from './planned-values.ts';
import { allStoppedFirstWarnings, replacementOrderOf } from './replacement-order.ts';
import { PLAN_FORMAT_VERSION, summarize, UNKNOWN_VALUE, type AttributeChange, type DriftEntry, type Plan, type PlanMode, type ResourceChange } from './plan-model.ts';
import { refresh, type RefreshResult } from './refresh.ts';
import type { SecretResolver } from './secret-resolver.ts';

export interface PlanRequest {
  topology: Topology;
  topologyFile: string;
  topologyHash: string;
  registry: ProviderRegistry;
  storedState: State | null;
  /** The workspace's digest key (StateBackend.digestKey); secrets in state are compared through it. */
  digestKey: Buffer;
  secrets: SecretResolver;
  mode: PlanMode;
  targets?: string[];
  parallelism: number;
  signal?: AbortSignal;
}

export async function buildPlan(request: PlanRequest): Promise<Plan & { refreshCalls: Record<string, number> }> {
  const stored = withCurrentNames(request.storedState ?? emptyState(request.topology.name), (resource) => schemaOf(request.registry, resource));
  const desired = request.mode === 'destroy' ? [] : expandTopology(request.topology, request.registry, dirname(request.topologyFile));
  const graph = desiredGraph(desired);
  const byAddress = new Map(desired.map((resource) => [resource.address, resource]));
  const ordered = graph.topologicalOrder().map((address) => byAddress.get(address)!);
  const context: ProviderContext = { topology: topologyIdentity(request.topology.name), signal: request.signal ?? new AbortController().signal, note: () => {} };
  const refreshed = await refresh(desired, stored, request.registry, context, request.parallelism);
  const priorState = refreshedState(stored, refreshed, request.registry);
  const drift = detectDrift(stored, refreshed, request.registry);
  const targets = request.targets ?? [];
  checkTargets(targets, desired, priorState);
  const { changes, upgraded } = request.mode === 'refresh-only'
    ? { changes: [], upgraded: new Map<string, StateResource>() }
    : await planChanges(request, ordered, selected(graph, targets, desired), priorState, refreshed);
  const warnings = [...refreshed.unmanaged].map(([address, object]) =>
    `${address}: an object named "${object.name}" (id ${object.id}) already exists but pgtopo does not manage it; adopt it with: pgtopo import ${address} ${object.id}`);
  warnings.push(...allStoppedFirstWarnings(changes, replacementOrderOf(priorState, request.registry)));
  const stateChanged = canonical(priorState.resources) !== canonical(stored.resources) || stored.pending.length > 0;
  return {
    format_version: PLAN_FORMAT_VERSION,
    created_at: new Date().toISOString(),
    mode: request.mode,
    topology: { name: request.topology.name, file: request.topologyFile, hash: request.topologyHash },
    state: { lineage: stored.lineage, serial: stored.serial },
    prior_state: { ...priorState, resources: priorState.resources.map((resource) => upgraded.get(resource.address) ?? resource) },
    data_sources: Object.fromEntries(refreshed.data),
    resource_changes: changes,
    drift,
    summary: summarize(changes),
    targets,
    warnings,
    has_changes: changes.some((change) => change.action !== 'no-op') || (stateChanged && request.storedState !== null),
    upgrades_secret_digests: upgraded.size > 0,
    refreshCalls: refreshed.calls,
  };
}

function desiredGraph(desired: PlannedResource[]): DependencyGraph {
  const graph = new DependencyGraph();
  for (const resource of desired) {
    graph.addNode(resource.address);
    for (const dependency of resource.dependencies) graph.addEdge(resource.address, dependency);
  }
  return graph;
}

function selected(graph: DependencyGraph, targets: string[], desired: PlannedResource[]): Set<string> {
  if (targets.length === 0) return new Set(desired.map((resource) => resource.address));
  return graph.withDependencies(targets.filter((target) => graph.has(target)));
}

function checkTargets(targets: string[], desired: PlannedResource[], state: State): void {
  const known = new Set([...desired.map((resource) => resource.address), ...state.resources.map((resource) => resource.address)]);
  const unknown = targets.filter((target) => !known.has(target));
  if (unknown.length > 0) throw new Error(`--target ${unknown.join(', ')}: no such resource address (see pgtopo state list)`);
}

/** The stored state brought up to date with reality: vanished objects dropped, interrupted creates adopted. */
function refreshedState(stored: State, refreshed: RefreshResult, registry: ProviderRegistry): State {
  const resources: StateResource[] = [];
  for (const resource of stored.resources) {
    const object = refreshed.observed.get(resource.address);
    if (object) resources.push({ ...resource, attributes: keepSensitive(schemaOf(registry, resource), object.attributes, resource.attributes) });
  }
  for (const marker of stored.pending) {
    const object = refreshed.adopted.get(marker.address);
    if (!object) continue;
    const { started: _started, ...identity } = marker;
    resources.push({ ...identity, id: object.id, attributes: keepSensitive(schemaOf(registry, marker), object.attributes, {}) });
  }
  // The order state is written in: a plan that only reorders would otherwise always "record refreshed state".
  resources.sort(byAddress);
  return { ...stored, resources, pending: [] };
}

/** Sensitive attributes are never taken from reality: state keeps its reference + hmac (or an unknown one). */
export function keepSensitive(schema: Record<string, AttributeSchema>, observed: Record<string, AttributeValue>,
  previous: Record<string, AttributeValue>): Record<string, AttributeValue> {
  const attributes = { ...observed };
  for (const [key, attribute] of Object.entries(schema)) {
    const before = previous[key];
    if (!attribute.sensitive || ((observed[key] ?? null) === null && !isSensitiveRecord(before))) continue;
    attributes[key] = (isSensitiveRecord(before) ? before : { $sensitive: { reference: null, hmac: null } }) as unknown as AttributeValue;
  }
  return attributes;
}

function detectDrift(stored: State, refreshed: RefreshResult, registry: ProviderRegistry): DriftEntry[] {
  const drift: DriftEntry[] = [];
  for (const resource of stored.resources) {
    const object = refreshed.observed.get(resource.address);
    if (!object) {
      drift.push({ address: resource.address, kind: 'deleted', changes: [] });
      continue;
    }
    const schema = schemaOf(registry, resource);
    const keys = new Set([...Object.keys(resource.attributes), ...Object.keys(object.attributes)]);
    const changes: AttributeChange[] = [...keys]
      .filter((key) => !schema[key]?.runtimeOwned && !schema[key]?.sensitive)
      .filter((key) => !valuesEqual(resource.attributes[key], object.attributes[key]))
      .map((key) => ({ name: key, before: resource.attributes[key], after: object.attributes[key], forcesReplacement: false, sensitive: false }));
    if (changes.length > 0) drift.push({ address: resource.address, kind: 'changed', changes });
  }
  return drift;
}

async function planChanges(request: PlanRequest, ordered: PlannedResource[], chosen: Set<string>, prior: State,
  refreshed: RefreshResult): Promise<{ changes: ResourceChange[]; upgraded: Map<string, StateResource> }> {
  const changes = new Map<string, ResourceChange>();
  const existing = new Map(prior.resources.map((resource) => [resource.address, resource]));
  const changesOnUpdate = (change: ResourceChange, attribute: string): boolean => {
    const schema = schemaOf(request.registry, change)[attribute];
    // A change applied by reload leaves the object running as it was: it changes nothing "with" it.
    const changing = new Set(change.changes.filter((item) => item.appliesBy !== 'reload').map((item) => item.name));
    return Boolean(schema?.changesOnUpdate) || (schema?.changesWith ?? []).some((other) => changing.has(other));
  };
  const lookup: PlannedValueLookup = (address, attribute) => lookupPlanned(address, attribute, changes, existing, refreshed.data, changesOnUpdate);
  const digest = new SecretDigest(request.digestKey);
  const upgraded = new Map<string, StateResource>();
  for (const resource of ordered) {
    if (resource.mode === 'data' || !chosen.has(resource.address)) continue;
    const schema = schemaOf(request.registry, resource);
    const stored = existing.get(resource.address);
    const confirmed: Record<string, string> = {};
    const after = await resolveForPlan(resource, schema, lookup, request, (attribute, clear) => {
      const context = `${resource.address}.${attribute}`;
      const fresh = digest.of(context, clear);
      const before = storedDigest(stored, attribute);
      if (before !== null && legacyDigestMatches(before, prior.lineage, context, clear)) confirmed[attribute] = fresh;
      return fresh;
    });
    const current = stored && Object.keys(confirmed).length > 0 ? withDigests(stored, confirmed) : stored;
    if (current && current !== stored) upgraded.set(resource.address, current);
    changes.set(resource.address, diffResource(resource, schema, after, current, request.storedState, refreshed));
  }
  const desired = new Set(ordered.map((resource) => resource.address));
  const deletes = prior.resources
    .filter((resource) => !desired.has(resource.address))
    .filter((resource) => (request.targets ?? []).length === 0 || request.targets!.includes(resource.address))
    .map((resource): ResourceChange => ({
      address: resource.address, provider: resource.provider, type: resource.type, name: resource.name, scope: resource.scope,
      action: 'delete', id: resource.id, reasons: request.mode === 'destroy' ? [] : ['no longer declared'],
      changes: [], dependencies: resource.dependencies, desired: null,
    }));
  return { changes: [...changes.values(), ...deletes.reverse()], upgraded };
}

function storedDigest(resource: StateResource | undefined, attribute: string): string | null {
  const value = resource?.attributes[attribute];
  return isSensitiveRecord(value) ? value.$sensitive.hmac : null;
}

/**
 * A resource whose lineage-keyed digests were just confirmed against the declared secrets, with those digests in
 * the keyed form: the plan compares like with like, and the next write of state drops the old form.
 */
function withDigests(resource: StateResource, digests: Record<string, string>): StateResource {
  const attributes = { ...resource.attributes };
  for (const [attribute, hmac] of Object.entries(digests)) {
    const before = attributes[attribute] as unknown as { $sensitive: { reference: unknown } };
    attributes[attribute] = { $sensitive: { ...before.$sensitive, hmac } } as unknown as AttributeValue;
  }
  return { ...resource, attributes };
}

function lookupPlanned(address: string, attribute: string, changes: Map<string, ResourceChange>, prior: Map<string, StateResource>,
  data: Map<string, ObservedObject>, changesOnUpdate: (change: ResourceChange, attribute: string) => boolean): AttributeValue {
  const discovered = data.get(address);
  if (discovered) return attribute === 'id' ? discovered.id : discovered.attributes[attribute] ?? null;
  const change = changes.get(address);
  const existing = prior.get(address);
  if (!existing || change?.action === 'create' || change?.action === 'replace') return UNKNOWN_VALUE;
  if (change?.changes.some((attributeChange) => attributeChange.name === attribute)) return UNKNOWN_VALUE;
  if (change?.action === 'update' && changesOnUpdate(change, attribute)) return UNKNOWN_VALUE;
  return attribute === 'id' ? existing.id : existing.attributes[attribute] ?? null;
}

function diffResource(resource: PlannedResource, schema: Record<string, AttributeSchema>, after: Record<string, AttributeValue>,
  current: StateResource | undefined, stored: State | null, refreshed: RefreshResult): ResourceChange {
  const base = {
    address: resource.address, provider: resource.provider, type: resource.type, name: resource.name, scope: resource.scope,
    dependencies: resource.dependencies, desired: resource,
  };
  if (!current) {
    const wasStored = stored?.resources.some((candidate) => candidate.address === resource.address) ?? false;
    const changes = Object.keys(after).map((key) => attributeChange(key, undefined, after[key], schema[key], false));
    return { ...base, action: 'create', id: null, reasons: wasStored ? ['deleted outside pgtopo'] : [], changes };
  }
  const changes = Object.keys(after)
    .filter((key) => !schema[key]?.runtimeOwned && !schema[key]?.computed && !schema[key]?.inputOnly)
    .filter((key) => differs(current.attributes[key], after[key], schema[key]))
    .map((key) => withAppliesBy(attributeChange(key, current.attributes[key], after[key], schema[key], forcesReplacement(schema[key], current.attributes[key])), schema[key], after, current.attributes));
  const forcing = changes.filter((change) => change.forcesReplacement).map((change) => change.name);
  const action = forcing.length > 0 ? 'replace' : changes.length > 0 ? 'update' : 'no-op';
  const restarting = changes.filter((change) => change.appliesBy === 'restart')
    .flatMap((change) => change.restartsFor?.map((inner) => `${change.name}.${inner}`) ?? [change.name]);
  const reasons = forcing.length > 0 ? [`${forcing.join(', ')} forces replacement`]
    : restarting.length > 0 ? [`restarts for ${restarting.join(', ')}`] : [];
  if (refreshed.adopted.has(resource.address)) reasons.push('found again after an interrupted create');
  return { ...base, action, id: current.id, reasons, changes };
}

function differs(before: AttributeValue | undefined, after: AttributeValue, schema: AttributeSchema | undefined): boolean {
  if (schema?.sensitive && (isSensitiveRecord(before) || isSensitiveRecord(after))) {
    const beforeHmac = isSensitiveRecord(before) ? before.$sensitive.hmac : null;
    if (!isSensitiveRecord(after)) return beforeHmac !== null; // a secret is set but none is declared any more
    return beforeHmac === null || beforeHmac !== after.$sensitive.hmac;
  }
  return !valuesEqual(before, after);
}

function forcesReplacement(schema: AttributeSchema | undefined, before: AttributeValue | undefined): boolean {
  if (!schema?.forceNew) return false;
  return !(schema.recordedInPlace && (before ?? null) === null);
}

function attributeChange(name: string, before: AttributeValue | undefined, after: AttributeValue, schema: AttributeSchema | undefined,
  forcesReplacement: boolean): AttributeChange {
  return { name, before: redactForOutput(before), after: redactForOutput(after), forcesReplacement, sensitive: Boolean(schema?.sensitive) };
}

/** How an update of the attribute reaches the running object, when its schema says. */
function withAppliesBy(change: AttributeChange, schema: AttributeSchema | undefined, after: Record<string, AttributeValue>,
  before: Record<string, AttributeValue>): AttributeChange {
  const rule = schema?.appliesBy;
  if (rule === undefined) return change;
  const verdict = typeof rule === 'function' ? rule(after, before) : rule;
  return typeof verdict === 'string' ? { ...change, appliesBy: verdict } : { ...change, appliesBy: verdict.by, restartsFor: verdict.because };
}

function schemaOf(registry: ProviderRegistry, resource: { provider: string; type: string }): Record<string, AttributeSchema> {
  return registry.resourceType(resource.provider, resource.type).attributes;
}

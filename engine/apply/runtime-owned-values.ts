// A runtime-owned value (which instance is the primary) can change during the apply itself: a switchover that one
// update makes hands the primary role to an instance whose own step already ran, or that this apply does not touch,
// so what state recorded earlier in the run is stale. A reference to such a value resolves to what the provider
// reads now, once per (provider, type, scope) for each resource that needs it; and when the apply ends, state
// records the current runtime-owned values of every batch it changed, so the next plan has nothing to record.
import type { AttributeValue, DesiredValue, ObservedObject, ProviderContext, ProviderRegistry } from '../../providers/provider.ts';
import { isResourceReference } from '../../providers/provider.ts';
import { valuesEqual } from '../plan/attribute-values.ts';
import type { PlannedResource } from '../plan/desired-resources.ts';
import { batchesOf, batchId } from '../plan/read-batch.ts';
import { withResource, type State, type StateResource } from '../state/state-format.ts';

/** The current attributes of every managed resource whose runtime-owned attributes `desired` refers to. */
export async function readRuntimeOwnedSources(desired: PlannedResource, state: State, registry: ProviderRegistry,
  context: ProviderContext): Promise<Map<string, Record<string, AttributeValue>>> {
  const sources = referencedSources(desired.attributes, state)
    .filter(({ source, attribute }) => registry.resourceType(source.provider, source.type).attributes[attribute]?.runtimeOwned);
  const batches = new Map<string, Promise<ObservedObject[]>>();
  const current = new Map<string, Record<string, AttributeValue>>();
  for (const { source } of sources) {
    const batch = batchId(source);
    if (!batches.has(batch)) batches.set(batch, registry.resourceType(source.provider, source.type).read(source.scope, context));
    const observed = (await batches.get(batch)!).find((object) => object.id === source.id);
    // Not listed (yet, for an eventually consistent API): what state recorded is the best knowledge.
    if (observed) current.set(source.address, observed.attributes);
  }
  return current;
}

function referencedSources(value: DesiredValue, state: State): { source: StateResource; attribute: string }[] {
  if (isResourceReference(value)) {
    const source = state.resources.find((resource) => resource.address === value.$ref);
    return source ? [{ source, attribute: value.attribute }] : [];
  }
  if (Array.isArray(value)) return value.flatMap((item) => referencedSources(item, state));
  if (value && typeof value === 'object') return Object.values(value).flatMap((item) => referencedSources(item as DesiredValue, state));
  return [];
}

/** `state` with the runtime-owned attributes of every object in the batches of `changed` as the provider reads them now. */
export async function withCurrentRuntimeOwnedValues(state: State, changed: ReadonlySet<string>, registry: ProviderRegistry,
  context: ProviderContext): Promise<State> {
  let next = state;
  for (const batch of batchesOf(state.resources.filter((resource) => changed.has(resource.address)))) {
    const owned = Object.entries(registry.resourceType(batch.provider, batch.type).attributes)
      .filter(([, schema]) => schema.runtimeOwned).map(([name]) => name);
    if (owned.length === 0) continue;
    // A failed read changes nothing: the next plan's refresh records the values instead.
    const observed = await registry.resourceType(batch.provider, batch.type).read(batch.scope, context).catch(() => []);
    for (const resource of next.resources.filter((candidate) => batchId(candidate) === batchId(batch))) {
      const object = observed.find((candidate) => candidate.id === resource.id);
      const current = Object.fromEntries(owned.filter((name) => object?.attributes[name] !== undefined).map((name) => [name, object!.attributes[name]!]));
      if (Object.entries(current).every(([name, value]) => valuesEqual(value, resource.attributes[name]))) continue;
      next = withResource(next, { ...resource, attributes: { ...resource.attributes, ...current } });
    }
  }
  return next;
}

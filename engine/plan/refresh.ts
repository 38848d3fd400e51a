// Refresh: read reality in batches, one list call per (provider, resource type, scope), however many objects of
// that type the topology has. Then match what was read to state (by id), to pending creates (by name) and to data
// sources (by name).
import type { ObservedObject, ProviderContext, ProviderRegistry } from '../../providers/provider.ts';
import type { State } from '../state/state-format.ts';
import type { PlannedResource } from './desired-resources.ts';
import { batchesOf, batchId, type BatchKey } from './read-batch.ts';

export interface RefreshResult {
  /** What exists now, by address, for resources in state or adopted from pending creates. */
  observed: Map<string, ObservedObject>;
  /** Pending creates whose object was found: address → object. */
  adopted: Map<string, ObservedObject>;
  data: Map<string, ObservedObject>;
  /** Objects bearing a desired resource's name that pgtopo does not manage: address → object. */
  unmanaged: Map<string, ObservedObject>;
  /** Number of list calls made, by `provider/type`. */
  calls: Record<string, number>;
}

export async function refresh(desired: PlannedResource[], state: State, registry: ProviderRegistry,
  context: ProviderContext, parallelism: number): Promise<RefreshResult> {
  const lists = await readBatches(batchKeys(desired, state), registry, context, parallelism);
  const indexes = new Map([...lists].map(([key, objects]) => [key, indexBatch(objects)]));
  const index = (key: BatchKey): BatchIndex => indexes.get(batchId(key)) ?? { byId: new Map(), byName: new Map() };
  const result: RefreshResult = { observed: new Map(), adopted: new Map(), data: new Map(), unmanaged: new Map(), calls: {} };
  const claimed = new Set<string>();
  for (const resource of state.resources) {
    const object = index(resource).byId.get(resource.id);
    if (object) {
      result.observed.set(resource.address, object);
      claimed.add(object.id);
    }
  }
  for (const marker of state.pending) {
    if (result.observed.has(marker.address)) continue;
    const object = index(marker).byName.get(marker.name)?.find((candidate) => !claimed.has(candidate.id));
    if (!object) continue;
    result.adopted.set(marker.address, object);
    result.observed.set(marker.address, object);
    claimed.add(object.id);
  }
  for (const resource of desired) {
    const object = index(resource).byName.get(resource.name)?.[0];
    if (resource.mode === 'data') {
      if (!object) throw new Error(`${resource.address}: ${resource.type} "${resource.name}" was not found in ${resource.scope}`);
      result.data.set(resource.address, object);
    } else if (object && !result.observed.has(resource.address) && !claimed.has(object.id)) {
      result.unmanaged.set(resource.address, object);
    }
  }
  for (const key of lists.keys()) {
    const [provider, type] = key.split('\0');
    result.calls[`${provider}/${type}`] = (result.calls[`${provider}/${type}`] ?? 0) + 1;
  }
  return result;
}

interface BatchIndex {
  byId: Map<string, ObservedObject>;
  byName: Map<string, ObservedObject[]>;
}

function indexBatch(objects: ObservedObject[]): BatchIndex {
  const byId = new Map<string, ObservedObject>();
  const byName = new Map<string, ObservedObject[]>();
  for (const object of objects) {
    byId.set(object.id, object);
    byName.set(object.name, [...(byName.get(object.name) ?? []), object]);
  }
  return { byId, byName };
}

function batchKeys(desired: PlannedResource[], state: State): BatchKey[] {
  return batchesOf([...desired, ...state.resources, ...state.pending]);
}

async function readBatches(keys: BatchKey[], registry: ProviderRegistry, context: ProviderContext,
  parallelism: number): Promise<Map<string, ObservedObject[]>> {
  const lists = new Map<string, ObservedObject[]>();
  const queue = [...keys];
  const worker = async (): Promise<void> => {
    for (let key = queue.shift(); key; key = queue.shift()) {
      const type = registry.resourceType(key.provider, key.type);
      try {
        lists.set(batchId(key), await type.read(key.scope, context));
      } catch (error) {
        throw new Error(`reading ${key.type} in ${key.scope}: ${(error as Error).message}`);
      }
    }
  };
  await Promise.all(Array.from({ length: Math.max(1, Math.min(parallelism, keys.length)) }, worker));
  return lists;
}


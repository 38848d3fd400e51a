// `pgtopo import <address> <id>`: adopt an object that already exists, so the next plan updates it instead of
// creating a duplicate. The object is found with the type's batch read, like any refresh.
import type { ProviderContext, ProviderRegistry } from '../../providers/provider.ts';
import { keepSensitive } from '../plan/build-plan.ts';
import type { PlannedResource } from '../plan/desired-resources.ts';
import { emptyState, findResource, withResource, type State } from './state-format.ts';

export async function importResource(desired: PlannedResource[], stored: State | null, topologyName: string, address: string, id: string,
  registry: ProviderRegistry, context: ProviderContext): Promise<State> {
  const state = stored ?? emptyState(topologyName);
  const resource = desired.find((candidate) => candidate.address === address);
  if (!resource) throw new Error(`${address} is not declared by the topology; import adopts objects the topology describes`);
  if (resource.mode === 'data') throw new Error(`${address} is a data source: it is discovered on every plan, not imported`);
  if (findResource(state, address)) throw new Error(`${address} is already in state (id ${findResource(state, address)!.id})`);
  const type = registry.resourceType(resource.provider, resource.type);
  const object = (await type.read(resource.scope, context)).find((candidate) => candidate.id === id);
  if (!object) throw new Error(`no ${resource.type} with id ${id} in ${resource.scope}`);
  const owner = state.resources.find((candidate) => candidate.type === resource.type && candidate.id === id);
  if (owner) throw new Error(`${id} is already managed as ${owner.address}`);
  return {
    ...withResource(state, {
      address, provider: resource.provider, type: resource.type, name: resource.name, scope: resource.scope, id,
      attributes: keepSensitive(type.attributes, object.attributes, {}), dependencies: resource.dependencies,
    }),
    serial: state.serial + 1,
  };
}

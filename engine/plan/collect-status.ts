// `pgtopo status`: what exists of what state records, and what providers say about it (health, role, lag,
// endpoints). Reads in batches like a refresh; changes nothing.
import type { ProviderContext, ProviderRegistry, ResourceStatus } from '../../providers/provider.ts';
import type { State } from '../state/state-format.ts';
import { refresh } from './refresh.ts';

export interface StatusRow {
  address: string;
  type: string;
  id: string;
  exists: boolean;
  healthy: boolean;
  details: Record<string, string>;
}

export async function collectStatus(state: State, registry: ProviderRegistry, context: ProviderContext, parallelism: number): Promise<StatusRow[]> {
  const refreshed = await refresh([], state, registry, context, parallelism);
  const reports = new Map<string, ResourceStatus>();
  for (const providerName of new Set(state.resources.map((resource) => resource.provider))) {
    const provider = registry.byName(providerName);
    const objects = state.resources
      .filter((resource) => resource.provider === providerName && refreshed.observed.has(resource.address))
      .map((resource) => ({ address: resource.address, type: resource.type, object: refreshed.observed.get(resource.address)! }));
    if (!provider?.status || objects.length === 0) continue;
    for (const report of await provider.status(objects, context)) reports.set(report.address, report);
  }
  return state.resources.map((resource) => {
    const exists = refreshed.observed.has(resource.address);
    const report = reports.get(resource.address);
    return {
      address: resource.address, type: resource.type, id: resource.id, exists,
      healthy: exists && (report?.healthy ?? true), details: report?.details ?? {},
    };
  });
}

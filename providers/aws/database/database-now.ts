// Where each cluster's database is now, for `pgtopo status`: its data source read afresh (one read per type and
// region, as a plan does), reduced to the backend list the proxies would get. Status is read-only and must say what
// it can, so a database that cannot be read is reported with why, not thrown.
import type { BackendAddress } from '../../../proxy-tier/proxy-tier-config.ts';
import type { Cluster } from '../../../schemas/topology.ts';
import type { ProviderContext, ResourceType } from '../../provider.ts';
import { databaseBackendsReference, expandDatabase } from './database-expansion.ts';

export type DatabaseNow = { backends: BackendAddress[] } | { problem: string };

export async function databasesNow(clusters: { name: string; cluster: Cluster }[], types: readonly ResourceType[],
  context: ProviderContext): Promise<Map<string, DatabaseNow>> {
  const reads = new Map<string, ReturnType<ResourceType['read']>>();
  const found = new Map<string, DatabaseNow>();
  for (const { name, cluster } of clusters) {
    const [source] = expandDatabase({ cluster, clusterName: name, topologyName: context.topology.name });
    const type = types.find((candidate) => candidate.name === source!.type)!;
    const key = `${type.name}\0${source!.scope}`;
    if (!reads.has(key)) reads.set(key, type.read(source!.scope, context));
    try {
      const object = (await reads.get(key)!).find((candidate) => candidate.name === source!.name);
      const attribute = databaseBackendsReference(name, cluster).attribute;
      found.set(name, object ? { backends: object.attributes[attribute] as unknown as BackendAddress[] } : { problem: `${source!.name} not found in ${source!.scope}` });
    } catch (error) {
      found.set(name, { problem: (error as Error).message }); // awsCall's words already: what to grant, what is missing
    }
  }
  return found;
}

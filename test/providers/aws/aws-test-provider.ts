// The aws provider configured for some clusters, with a context that keeps its notes: reads and expands run
// against the in-memory AWS world without the engine around them.
import { awsProvider } from '../../../providers/aws/aws-provider.ts';
import { topologyIdentity, type ObservedObject, type Provider, type ProviderContext } from '../../../providers/provider.ts';
import type { Cluster } from '../../../schemas/topology.ts';

export interface ConfiguredAws {
  provider: Provider;
  context: ProviderContext;
  notes: string[];
  read(type: string, region: string): Promise<ObservedObject[]>;
}

export async function configuredAws(clusters: Record<string, Cluster>, topology = 'shop'): Promise<ConfiguredAws> {
  const provider = awsProvider();
  const notes: string[] = [];
  const context: ProviderContext = { topology: topologyIdentity(topology), signal: new AbortController().signal, note: (note) => notes.push(note) };
  await provider.configure({ topologyDir: '/nonexistent', env: {}, clusters: Object.entries(clusters).map(([name, cluster]) => ({ name, cluster })) }, context);
  const read = (type: string, region: string): Promise<ObservedObject[]> => {
    const resourceType = provider.resourceTypes.find((candidate) => candidate.name === type);
    if (!resourceType) throw new Error(`no resource type ${type}`);
    return resourceType.read(region, context);
  };
  return { provider, context, notes, read };
}

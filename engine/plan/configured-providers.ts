// The providers one run needs, configured before anything touches the world and closed afterwards whatever
// happened: cloud providers create their clients in configure and must not leak them when a run fails.
import type { Provider, ProviderContext, ProviderRegistry } from '../../providers/provider.ts';
import type { LoadedTopology } from '../topology/load-topology.ts';
import { servedClusters } from './served-clusters.ts';

export interface ConfiguredProviders {
  /** Closes every provider configure reached, in reverse order; each one is closed even when another fails. */
  close(): Promise<void>;
}

export async function configureProviders(registry: ProviderRegistry, loaded: LoadedTopology, env: NodeJS.ProcessEnv,
  context: ProviderContext): Promise<ConfiguredProviders> {
  const configured: Provider[] = [];
  const close = () => closeAll(configured.toReversed());
  try {
    for (const { provider, clusters } of servedClusters(registry, loaded.topology)) {
      // Pushed first: a configure that fails halfway may hold a client already.
      configured.push(provider);
      await provider.configure({ topologyDir: loaded.dir, clusters, env }, context);
    }
  } catch (error) {
    await close().catch(() => {}); // the configure failure is the one to report
    throw error;
  }
  return { close };
}

async function closeAll(providers: Provider[]): Promise<void> {
  const failures: string[] = [];
  for (const provider of providers) {
    try {
      await provider.close();
    } catch (error) {
      failures.push(`${provider.name}: ${error instanceof Error ? error.message : String(error)}`);
    }
  }
  if (failures.length > 0) throw new Error(`closing providers failed: ${failures.join('; ')}`);
}

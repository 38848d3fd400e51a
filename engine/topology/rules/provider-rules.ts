import type { ProviderRegistry } from '../../../providers/provider.ts';
import { effectiveFeatures } from '../../features/effective-features.ts';
import { servedClusters } from '../../plan/served-clusters.ts';
import type { Rule } from './rule.ts';

/**
 * Each provider's own rules (local port clashes, …) over the clusters it serves, reported like the engine's rules.
 * An environment no provider serves yet is not checked here: planning it says so.
 */
export function providerRules(registry: ProviderRegistry): Rule {
  return function providerRules({ topology, error, warn }) {
    for (const { provider, clusters } of servedClusters(registry, topology)) {
      const findings = provider.validate?.(clusters.map(({ name, cluster }) => ({ name, cluster, features: effectiveFeatures(name, cluster) }))) ?? [];
      for (const finding of findings) (finding.severity === 'error' ? error : warn)(finding.path, finding.message, finding.hint);
    }
  };
}

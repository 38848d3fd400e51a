// Where a local cluster's PostgreSQL instances run, from what state records of them: the local provider's answer
// to `pgtopo render`. Before the first apply nothing is recorded: port 0 and role unknown.
import type { EffectiveFeatures } from '../../proxy-tier/effective-features.ts';
import type { BackendAddress } from '../../proxy-tier/proxy-tier-config.ts';
import type { RecordedResource } from '../provider.ts';

export function recordedBackends(clusterName: string, features: EffectiveFeatures, resources: RecordedResource[]): BackendAddress[] {
  return (features.backends ?? []).map((node, index) => {
    const attributes = resources.find((resource) => resource.address === `${clusterName}.postgres[${index}]`)?.attributes;
    const role = attributes?.role;
    return {
      name: node.name,
      host: typeof attributes?.host === 'string' ? attributes.host : '127.0.0.1',
      port: typeof attributes?.port === 'number' ? attributes.port : 0,
      role: role === 'primary' || role === 'standby' ? role : 'unknown',
    };
  });
}

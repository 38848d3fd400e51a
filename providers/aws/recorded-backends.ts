// Where an AWS cluster's backends are, from what state records: the `backends` list a proxy-tier resource of the
// cluster was applied with (resolved from the database data source at plan time). Data sources themselves are not
// in state, so before the first apply the nodes of the feature matrix come back with port 0 and no host, as the
// local provider's do.
import type { EffectiveFeatures } from '../../proxy-tier/effective-features.ts';
import type { BackendAddress } from '../../proxy-tier/proxy-tier-config.ts';
import type { AttributeValue, RecordedResource } from '../provider.ts';

export function recordedBackends(clusterName: string, features: EffectiveFeatures, resources: RecordedResource[]): BackendAddress[] {
  const recorded = resources.filter((resource) => resource.address.startsWith(`${clusterName}.`))
    .map((resource) => resource.attributes.backends).find(isBackendList);
  if (recorded) return recorded;
  return (features.backends ?? []).map((node) => ({
    name: node.name, host: '', port: 0, role: node.role === 'writer' ? 'primary' : node.role === 'reader' ? 'standby' : 'unknown',
  }));
}

function isBackendList(value: AttributeValue | undefined): value is AttributeValue[] & BackendAddress[] {
  return Array.isArray(value) && value.length > 0 && value.every((entry) =>
    typeof entry === 'object' && entry !== null && !Array.isArray(entry) &&
    typeof entry.name === 'string' && typeof entry.host === 'string' && typeof entry.port === 'number');
}

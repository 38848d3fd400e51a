// What an AWS builtin proxy reads: its SSM config parameter's value, rebuilt from what state records of
// `<cluster>.proxy_config[i]` (the document, the backends and the node settings; ssm-proxy-config-resource.ts), so
// `pgtopo render` shows the members' addresses, the key's parameter and the listen address the proxy really has.
// Secrets are `{ ssm }` parameter names in it, never values.
import type { AttributeValue, RecordedResource } from '../../provider.ts';
import type { BackendAddress } from '../../../proxy-tier/proxy-tier-config.ts';
import { renderConfig, type NodeSettings } from './proxy-config-document.ts';
import { TIER_ADDRESS } from './proxy-tier-names.ts';

/** Null before the first apply, and for a Pgpool-II tier (its document is not the builtin proxy's config). */
export function appliedAwsProxyConfig(clusterName: string, index: number, resources: RecordedResource[]): Record<string, unknown> | null {
  const addresses = [TIER_ADDRESS.config(clusterName, index), TIER_ADDRESS.config(clusterName, null)];
  const config = resources.find((resource) => addresses.includes(resource.address));
  const document = config?.attributes.document;
  if (!config || !isObject(document) || !('listen' in document)) return null;
  const { value } = renderConfig({
    document,
    backends: (config.attributes.backends ?? []) as unknown as BackendAddress[],
    nodeSettings: (config.attributes.node_settings ?? {}) as unknown as Record<string, NodeSettings>,
  });
  return JSON.parse(value) as Record<string, unknown>;
}

function isObject(value: AttributeValue | undefined): value is Record<string, AttributeValue> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

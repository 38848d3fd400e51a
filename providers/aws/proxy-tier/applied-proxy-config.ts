// What an AWS proxy reads: its SSM config parameter's value, rebuilt from what state records of
// `<cluster>.proxy_config[i]` (the document, the backends and the node settings; ssm-proxy-config-resource.ts), so
// `pgtopo render` shows the members' addresses, the key's parameter and the listen address the proxy really has.
// For Pgpool-II, the tier pgpool-files renders from that value on the instance, with the failover hooks it adds.
// Secrets are `{ ssm }` parameter names in it, never values.
import type { ProxyTierConfig } from '../../../proxy/config/proxy-tier-settings.ts';
import type { AttributeValue, PgpoolTierInput, RecordedResource } from '../../provider.ts';
import type { BackendAddress } from '../../../proxy-tier/proxy-tier-config.ts';
import { PGPOOL_ENGINE, tierFromPgpoolDocument } from './pgpool-config-document.ts';
import { instanceFailoverHooks } from './pgpool-instance-hooks.ts';
import { renderConfig, type NodeSettings } from './proxy-config-document.ts';
import { TIER_ADDRESS } from './proxy-tier-names.ts';
import { PGPOOL_DIR } from './user-data.ts';

/** Null before the first apply, and for a Pgpool-II tier (its document is not the builtin proxy's config). */
export function appliedAwsProxyConfig(clusterName: string, index: number, resources: RecordedResource[]): Record<string, unknown> | null {
  const value = appliedValue(clusterName, index, resources);
  return value && value.engine !== PGPOOL_ENGINE ? value : null;
}

/** Pgpool-II's tier on instance `index` as applied (before the first apply: `tier`), with pgpool-files' hooks. */
export function appliedAwsPgpoolTier({ clusterName, index, tier, resources }: PgpoolTierInput): ProxyTierConfig {
  const value = appliedValue(clusterName, index, resources);
  const applied = value?.engine === PGPOOL_ENGINE ? tierFromPgpoolDocument(value) : tier;
  // The hooks' passfile holds the monitor's password; without passwords the commands are the same.
  return instanceFailoverHooks(applied, PGPOOL_DIR, new Map()).tier;
}

/** The config parameter's value as the proxy reads it, or null before the first apply. */
function appliedValue(clusterName: string, index: number, resources: RecordedResource[]): Record<string, unknown> | null {
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

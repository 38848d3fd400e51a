// What a local builtin proxy runs with: the config file the provider wrote into its directory (state records the
// directory), with the watchdog's heartbeat ports and key file filled in, which the topology alone cannot say.
// `pgtopo render` prints it. The file holds only `{ env }`/`{ file }` references, never a password. For Pgpool-II,
// whose files hold passwords, render is given the tier with pgtopo's hooks instead, and masks what it renders.
import { readFileSync } from 'node:fs';
import YAML from 'yaml';
import type { ProxyTierConfig } from '../../proxy/config/proxy-tier-settings.ts';
import type { PgpoolTierInput, RecordedResource } from '../provider.ts';
import { clusterDir, proxyDir } from './local-layout.ts';
import { localPgpoolTier } from './pgpool-failover.ts';
import { proxyConfigFile } from './proxy-files.ts';

/** Null when the proxy has not been applied (or is not a builtin one). */
export function appliedLocalProxyConfig(clusterName: string, index: number, resources: RecordedResource[]): Record<string, unknown> | null {
  const proxy = resources.find((resource) => resource.address === `${clusterName}.proxy[${index}]`);
  if (typeof proxy?.attributes.dir !== 'string' || proxy.attributes.engine !== 'builtin') return null;
  const file = proxyConfigFile(proxy.attributes.dir, 'builtin');
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return null;
    throw new Error(`cannot read ${file} (${(error as NodeJS.ErrnoException).code ?? (error as Error).message}): run this as the user the proxies run as, or as root`);
  }
  return YAML.parse(text) as Record<string, unknown>;
}

/** Pgpool-II's tier with pgtopo's hooks in the proxy's directory: as state records it, or where the first apply puts it. */
export function appliedLocalPgpoolTier(input: PgpoolTierInput): ProxyTierConfig {
  const recorded = input.resources.find((resource) => resource.address === `${input.clusterName}.proxy[${input.index}]`)?.attributes.dir;
  const dir = typeof recorded === 'string' ? recorded : proxyDir(clusterDir(input.topologyDir, input.topologyName, input.clusterName), input.index);
  return localPgpoolTier(dir, input.tier);
}

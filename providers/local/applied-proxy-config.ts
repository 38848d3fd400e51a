// What a local builtin proxy runs with: the config file the provider wrote into its directory (state records the
// directory), with the watchdog's heartbeat ports and key file filled in, which the topology alone cannot say.
// `pgtopo render` prints it. The file holds only `{ env }`/`{ file }` references, never a password.
import { readFileSync } from 'node:fs';
import YAML from 'yaml';
import type { RecordedResource } from '../provider.ts';
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

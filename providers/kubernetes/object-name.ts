// Names of the objects pgtopo creates: `<topology>-<cluster>-proxy`, a DNS label (at most 63 characters, which a
// Service name must be). A longer one is cut and given a hash of the whole, so it stays unique and stable.
import { createHash } from 'node:crypto';

const MAX_LENGTH = 63;

export function proxyObjectName(topologyName: string, clusterName: string): string {
  const full = `${topologyName}-${clusterName}-proxy`;
  if (full.length <= MAX_LENGTH) return full;
  const hash = createHash('sha256').update(full).digest('hex').slice(0, 8);
  return `${full.slice(0, MAX_LENGTH - hash.length - 1).replace(/-+$/, '')}-${hash}`;
}

// Suggests the known name closest to a misspelt topology key ("did you mean `poolSize`?"), knowing the names
// people carry over from other tools.
import { closestName } from '../../spelling/closest-name.ts';

/** Names people carry over from Pgpool-II, PgBouncer or Kubernetes, mapped to ours. */
const synonyms: Record<string, string> = {
  replicas: 'instances',
  loadbalancemode: 'loadBalancing',
  connectioncache: 'pooling',
  poolmode: 'mode',
  numinitchildren: 'maxClientConnections',
  healthcheckperiod: 'period',
  delegateip: 'vip',
  backendflag: 'flags',
};

export function didYouMean(name: string, candidates: Iterable<string>): string | undefined {
  const list = [...candidates];
  const synonym = synonyms[normalize(name)];
  if (synonym && list.includes(synonym)) return synonym;
  return closestName(name, list, normalize);
}

// Case, dashes and underscores never distinguish two of our names, so `pool_size` finds `poolSize`.
function normalize(name: string): string {
  return name.toLowerCase().replace(/[-_\s]/g, '');
}

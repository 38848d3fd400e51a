import { paint } from '../output/color.ts';
import { renderTable } from '../output/table.ts';
import type { EffectiveFeatures, Feature } from '../../proxy-tier/effective-features.ts';

const rows: Array<[label: string, pick: (f: EffectiveFeatures) => Feature]> = [
  ['engine', (f) => f.engine],
  ['proxy instances', (f) => f.proxyInstances],
  ['failover', (f) => f.failover],
  ['health check', (f) => f.healthCheck],
  ['failover on backend error', (f) => f.failoverOnBackendError],
  ['replication-lag check', (f) => f.replicationCheck],
  ['primary detection', (f) => f.primaryDetection],
  ['proxy HA', (f) => f.proxyHa],
  ['VIP', (f) => f.vip],
  ['load balancing', (f) => f.loadBalancing],
  ['connection pooling', (f) => f.pooling],
  ['failover coordinator', (f) => f.failoverCoordinator],
];

/** The `pgtopo features` table of one cluster: every effective feature, its value, where it came from and why. */
export function renderFeaturesTable(features: EffectiveFeatures): string {
  const body = rows.map(([label, pick]) => {
    const feature = pick(features);
    return [label, showValue(feature.value), feature.source, feature.why];
  });
  for (const backend of features.backends ?? []) {
    const flags = backend.flags.length ? backend.flags.join('|') : 'none';
    body.push([`backend ${backend.name}`, `weight ${backend.weight}`, 'derived', `role ${backend.role}, flags ${flags}`]);
  }
  if (!features.backends) body.push(['backends', 'discovered', 'derived', 'found by EC2 tags at plan time; roles detected']);
  const title = paint('bold', `${features.cluster} (${features.environment})`);
  return `${title}\n${renderTable(['feature', 'value', 'source', 'why'], body)}`;
}

function showValue(value: string | number | boolean): string {
  if (value === true) return paint('green', 'on');
  if (value === false) return paint('dim', 'off');
  return String(value);
}

// A local proxy is replaced for a new engine. Without a watchdog the proxies roll (only the coordinator's index
// promotes, and its old process is gone before its new one starts); with one, whichever member leads promotes, so
// every old proxy must be gone before any new one starts.
import { describe, expect, it } from 'vitest';
import { effectiveFeatures } from '../../../engine/features/effective-features.ts';
import type { AttributeValue } from '../../../providers/provider.ts';
import { expandLocalCluster } from '../../../providers/local/local-provider.ts';
import { proxyResourceType } from '../../../providers/local/proxy-resource.ts';
import type { LocalCluster } from '../../../schemas/topology.ts';

function proxyAttributes(proxy: LocalCluster['proxy']): Record<string, AttributeValue> {
  const cluster: LocalCluster = { environment: 'local', postgres: { instances: 2 }, proxy };
  const resources = expandLocalCluster({ topologyName: 't', clusterName: 'dev', cluster, features: effectiveFeatures('dev', cluster), users: [], topologyDir: '/srv' });
  return resources.find((resource) => resource.address === 'dev.proxy[0]')!.attributes as Record<string, AttributeValue>;
}

const orderOf = (before: Record<string, AttributeValue>, after: Record<string, AttributeValue>) =>
  proxyResourceType().replacementOrder!({ address: 'dev.proxy[0]', scope: '/srv/.pgtopo/dev', before, after });

const WATCHDOG = { method: 'watchdog', vip: { type: 'ip', address: '198.18.0.1', interface: 'lo' } } as const;

describe('local proxy replacement order', () => {
  it('rolls a tier without a watchdog, per cluster', () => {
    const builtin = proxyAttributes({ instances: 2 });
    const pgpool = proxyAttributes({ instances: 2, engine: 'pgpool2' });
    expect(orderOf(builtin, pgpool)).toEqual({ group: '/srv/.pgtopo/dev', order: 'rolling' });
    expect(orderOf(pgpool, builtin)).toEqual({ group: '/srv/.pgtopo/dev', order: 'rolling' });
  });

  it('stops every old proxy first when either side has a watchdog', () => {
    const watched = proxyAttributes({ instances: 3, ha: WATCHDOG });
    const pgpool = proxyAttributes({ instances: 3, engine: 'pgpool2' });
    expect(orderOf(watched, pgpool)?.order).toBe('all-destroyed-first');
    expect(orderOf(pgpool, watched)?.order).toBe('all-destroyed-first');
  });
});

import { describe, expect, it } from 'vitest';
import { effectiveFeatures } from '../../engine/features/effective-features.ts';
import { proxyTierConfig } from '../../proxy-tier/proxy-tier-config.ts';
import { joinTier, splitTier, tierAppliesBy, tierChangeAppliesBy, TIER_SECTION_NAMES, withCurrentTierNames } from '../../proxy-tier/tier-attributes.ts';
import type { LocalCluster } from '../../schemas/topology.ts';
import { sameHostDelivery } from '../../proxy-tier/same-host-delivery.ts';

function tierOf(cluster: LocalCluster) {
  return proxyTierConfig({
    clusterName: 'dev', cluster, features: effectiveFeatures('dev', cluster), index: 0, delivery: sameHostDelivery('/topo'),
    users: [{ name: 'app', password: { fromEnv: 'APP_PASSWORD' } }, { name: 'admin', password: { fromEnv: 'ADMIN_PASSWORD' }, admin: true }],
    backends: [{ name: 'pg0', host: '127.0.0.1', port: 5432, role: 'primary' }, { name: 'pg1', host: '127.0.0.1', port: 5433, role: 'standby' }],
    listen: { host: '127.0.0.1', port: 6432 }, metricsPort: 9930,
  });
}

describe('tier sections', () => {
  it('split and joined again give the tier config back, for either engine', () => {
    for (const engine of ['builtin', 'pgpool2'] as const) {
      const tier = tierOf({ environment: 'local', postgres: { instances: 2, replication: { mode: 'sync' } }, proxy: {
        engine, logLevel: 'debug', workers: 2, tls: { certFile: 'c.pem', keyFile: 'k.pem' }, instances: 3, ha: { method: 'watchdog', vip: { type: 'ip', address: '10.0.0.5' } },
      } });
      const sections = splitTier({ tier, declaredPort: 6432, backends: tier.config.backends });
      expect(Object.keys(sections)).toEqual(TIER_SECTION_NAMES);
      expect(joinTier({ cluster: 'dev', engine, index: 0, host: '127.0.0.1', port: 6432, sections })).toEqual(tier);
    }
  });

  it('leave tls, the watchdog and workers out without them, so proxies recorded before they existed show no change', () => {
    const tier = tierOf({ environment: 'local', postgres: { instances: 2 } });
    const sections = splitTier({ tier, declaredPort: 6432, backends: tier.config.backends });
    expect(Object.keys(sections)).toEqual(TIER_SECTION_NAMES.filter((name) => !['tls', 'watchdog', 'workers'].includes(name)));
    expect(joinTier({ cluster: 'dev', engine: 'builtin', index: 0, host: '127.0.0.1', port: 6432, sections })).toEqual(tier);
  });

  it('say how a change applies; the backend list, pool and routing only Pgpool-II reads at start', () => {
    expect(tierAppliesBy('users', 'builtin')).toBe('restart');
    expect(tierAppliesBy('router', 'builtin')).toBe('reload');
    expect(tierAppliesBy('router', 'pgpool2')).toBe('restart');
    expect(tierAppliesBy('pool', 'pgpool2')).toBe('restart');
    expect(tierAppliesBy('pooling', 'pgpool2')).toBe('restart');
    expect(tierAppliesBy('hba', 'pgpool2')).toBe('reload');
    expect(tierAppliesBy('backends', 'builtin')).toBe('reload');
    expect(tierAppliesBy('backends', 'pgpool2')).toBe('restart');
    expect(tierAppliesBy('engine', 'builtin')).toBeUndefined();
    expect(tierAppliesBy('constructor', 'builtin')).toBeUndefined();
  });

  it('restart Pgpool-II for a backend whose address changes, and reload it for new weights, flags or role hints', () => {
    const backends = tierOf({ environment: 'local', postgres: { instances: 2 } }).config.backends;
    const failedOver = backends.map((backend) => ({ ...backend, role: backend.role === 'primary' ? 'standby' : 'primary', weight: 0, noFailover: true }));
    expect(tierChangeAppliesBy('backends', 'pgpool2', backends, failedOver)).toBe('reload');
    expect(tierChangeAppliesBy('backends', 'pgpool2', backends, backends.map((backend, i) => (i === 1 ? { ...backend, port: 6543 } : backend)))).toBe('restart');
    expect(tierChangeAppliesBy('backends', 'pgpool2', backends, backends.slice(0, 1))).toBe('restart');
    expect(tierChangeAppliesBy('backends', 'pgpool2', undefined, backends)).toBe('restart');
    expect(tierChangeAppliesBy('backends', 'builtin', backends, backends.slice(0, 1))).toBe('reload');
    expect(tierChangeAppliesBy('pool', 'pgpool2', { size: 1 }, { size: 1 })).toBe('restart');
  });

  it('read under the plain names what 0.1 recorded with restart./reload. prefixes', () => {
    expect(withCurrentTierNames({ 'restart.users': [], 'reload.router': {}, 'reload.backends': [], engine: 'builtin' }))
      .toEqual({ users: [], router: {}, backends: [], engine: 'builtin' });
  });
});

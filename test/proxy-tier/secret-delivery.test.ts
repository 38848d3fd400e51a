// The proxy tier renders every secret and file reference through the provider's secret delivery, so a provider
// that places proxies elsewhere (a secret store, a mounted Secret volume) changes where they come from, not how the
// rest of the config is rendered.
import { describe, expect, it } from 'vitest';
import { effectiveFeatures } from '../../engine/features/effective-features.ts';
import { proxyTierConfig } from '../../proxy-tier/proxy-tier-config.ts';
import { sameHostDelivery } from '../../proxy-tier/same-host-delivery.ts';
import type { SecretDelivery } from '../../proxy-tier/secret-delivery.ts';
import type { LocalCluster, User } from '../../schemas/topology.ts';

const cluster: LocalCluster = {
  environment: 'local',
  postgres: { instances: 2 },
  proxy: { monitor: { name: 'mon', password: { fromEnv: 'MON_PW' } }, tls: { certFile: 'tls/c.pem', keyFile: 'tls/k.pem' } },
};
const users: User[] = [{ name: 'app', password: { fromFile: 'secrets/app.txt' } }];

function render(delivery: SecretDelivery) {
  return proxyTierConfig({
    clusterName: 'dev', cluster, features: effectiveFeatures('dev', cluster), users, index: 0, delivery,
    backends: [{ name: 'pg0', host: '127.0.0.1', port: 5432, role: 'primary' }, { name: 'pg1', host: '127.0.0.1', port: 5433, role: 'standby' }],
    listen: { host: '127.0.0.1', port: 6432 }, metricsPort: null,
  });
}

describe('secret delivery', () => {
  it('same host: variables stay variables, files are found beside the topology', () => {
    const tier = render(sameHostDelivery('/topo'));
    expect(tier.config.users[0]!.password).toEqual({ file: '/topo/secrets/app.txt' });
    expect(tier.monitorUser?.password).toEqual({ env: 'MON_PW' });
    expect(tier.config.tls).toMatchObject({ certFile: '/topo/tls/c.pem', keyFile: '/topo/tls/k.pem' });
  });

  it('another delivery decides every reference the config carries', () => {
    const mounted: SecretDelivery = {
      secretReference: (reference) => ({ file: `/run/secrets/${reference.fromEnv ?? reference.fromFile ?? '?'}` }),
      filePath: (file) => `/etc/pgtopo/${file}`,
      secretFile: (secret, key) => `/mnt/${secret}/${key}`,
    };
    const tier = render(mounted);
    expect(tier.config.users[0]!.password).toEqual({ file: '/run/secrets/secrets/app.txt' });
    expect(tier.monitorUser?.password).toEqual({ file: '/run/secrets/MON_PW' });
    expect(tier.config.tls).toMatchObject({ certFile: '/etc/pgtopo/tls/c.pem', keyFile: '/etc/pgtopo/tls/k.pem' });
  });

  it('same host cannot carry a Kubernetes Secret, and says what works', () => {
    expect(() => sameHostDelivery('/topo').secretReference({ fromSecret: { name: 'db', key: 'pw' } })).toThrow(/fromEnv or fromFile/);
  });
});

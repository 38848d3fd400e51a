// The SSM document of a Pgpool-II proxy on EC2: it reads back as the tier it was written from, and a change of it is
// a reload or a restart by Pgpool-II's split (proxy-tier/tier-attributes.ts), who the proxy is counting as restart.
import { describe, expect, it } from 'vitest';
import { effectiveFeatures } from '../../../../engine/features/effective-features.ts';
import { pgpoolChanges, pgpoolDocument, parsePgpoolDocument, tierFromPgpoolDocument } from '../../../../providers/aws/proxy-tier/pgpool-config-document.ts';
import { ssmSecretDelivery } from '../../../../providers/aws/proxy-tier/ssm-secret-delivery.ts';
import { proxyTierConfig } from '../../../../proxy-tier/proxy-tier-config.ts';
import type { Cluster } from '../../../../schemas/topology.ts';

function documentOf(proxy: Record<string, unknown>, port = 6432): Record<string, unknown> {
  const cluster = {
    environment: 'ec2', region: 'eu-west-1', backends: { static: [{ name: 'pg0', host: '10.0.0.10' }] }, proxy: { engine: 'pgpool2', subnets: ['subnet-0a1b'], ...proxy },
  } as unknown as Cluster;
  const tier = proxyTierConfig({
    clusterName: 'orders', cluster, features: effectiveFeatures('orders', cluster), index: 0, listen: { host: '0.0.0.0', port }, metricsPort: null,
    users: [{ name: 'app', password: { fromEnv: 'APP_DB_PASSWORD' } }], delivery: ssmSecretDelivery({ topology: 'shop', cluster: 'orders' }),
    backends: [{ name: 'pg0', host: '10.0.0.10', port: 5432, role: 'unknown' }],
  });
  return { ...JSON.parse(JSON.stringify(pgpoolDocument(tier))) as Record<string, unknown>, backends: tier.config.backends };
}

describe('the Pgpool-II proxy document in SSM', () => {
  it('reads back as the tier it was written from, passwords as SSM references', () => {
    const tier = tierFromPgpoolDocument(documentOf({ pooling: { poolSize: 7 } }));
    expect(tier).toMatchObject({ cluster: 'orders', engine: 'pgpool2', index: 0, config: { listen: { host: '0.0.0.0', port: 6432 }, pool: { size: 7 } } });
    expect(tier.config.users[0]!.password).toEqual({ ssm: '/pgtopo/shop/orders/secrets/APP_DB_PASSWORD' });
    expect(tier.config.backends.map((backend) => backend.host)).toEqual(['10.0.0.10']);
  });

  it('takes client rules and log level by reload, the port and the users only by restart', () => {
    const base = documentOf({});
    expect(pgpoolChanges(base, documentOf({ hba: [{ address: '10.0.0.0/8', method: 'md5' }], logLevel: 'debug' }))).toEqual({ restart: [], reload: ['hba', 'log_level'] });
    expect(pgpoolChanges(base, documentOf({}, 7432))).toEqual({ restart: ['declared_port', 'listen'], reload: [] });
    expect(pgpoolChanges(base, { ...base, users: [] })).toEqual({ restart: ['users'], reload: [] });
    expect(pgpoolChanges(base, { ...base, unknown_section: 1 })).toEqual({ restart: ['unknown_section'], reload: [] });
    expect(pgpoolChanges(base, base)).toEqual({ restart: [], reload: [] });
  });

  it('refuses a value that is not JSON or not written for Pgpool-II, naming the source', () => {
    expect(() => parsePgpoolDocument('listen: 1', 'ssm:/p')).toThrow('ssm:/p is not JSON: it is not a config pgtopo wrote');
    expect(() => parsePgpoolDocument('null', 'ssm:/p')).toThrow('ssm:/p is not a Pgpool-II proxy config (engine null)');
    expect(() => parsePgpoolDocument(JSON.stringify({ engine: 'builtin' }), 'ssm:/p')).toThrow('(engine "builtin"); a builtin proxy runs from it with `pgtopo proxy --config ssm:/p`');
  });
});

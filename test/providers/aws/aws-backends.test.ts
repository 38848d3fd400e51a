// What the proxies get from an AWS cluster's data source: each reader instance of `backends.readers: instances`
// serves the feature matrix's `reader` node (its weight, never failed over), the writer stays always-primary; and
// `pgtopo render`'s backends() takes the list a proxy-tier resource was applied with.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { effectiveFeatures } from '../../../engine/features/effective-features.ts';
import { recordedBackends } from '../../../providers/aws/recorded-backends.ts';
import { proxyTierConfig, type BackendAddress } from '../../../proxy-tier/proxy-tier-config.ts';
import { sameHostDelivery } from '../../../proxy-tier/same-host-delivery.ts';
import type { Cluster } from '../../../schemas/topology.ts';
import { configuredAws } from './aws-test-provider.ts';
import { installAwsWorld, type AwsWorld } from './world/aws-world.ts';

let world: AwsWorld;
beforeEach(() => {
  world = installAwsWorld();
});
afterEach(() => world.restore());

const cluster: Cluster = {
  environment: 'aurora', region: 'eu-west-1', dbCluster: 'analytics', backends: { readers: 'instances' },
  proxy: { subnets: ['subnet-0a1b'], loadBalancing: { weights: { writer: 0, reader: 3 } } },
};

describe('AWS backends in the proxy config', () => {
  it('gives every reader instance the reader node\'s weight and flags', async () => {
    world.rds.addAuroraCluster('eu-west-1', { id: 'analytics', instances: 3 });
    const aws = await configuredAws({ analytics: cluster });
    const [object] = await aws.read('aws_aurora_cluster', 'eu-west-1');
    const backends = object!.attributes.instance_backends as unknown as BackendAddress[];
    const features = effectiveFeatures('analytics', cluster);
    const tier = proxyTierConfig({
      clusterName: 'analytics', cluster, features, users: [], backends, index: 0,
      listen: { host: '0.0.0.0', port: 6432 }, metricsPort: null, delivery: sameHostDelivery('/topology'),
    });
    expect(tier.config.backends.map(({ name, weight, role, alwaysPrimary, noFailover }) => ({ name, weight, role, alwaysPrimary, noFailover }))).toEqual([
      { name: 'writer', weight: 0, role: 'primary', alwaysPrimary: true, noFailover: true },
      { name: 'reader:analytics-instance-2', weight: 3, role: 'standby', alwaysPrimary: false, noFailover: true },
      { name: 'reader:analytics-instance-3', weight: 3, role: 'standby', alwaysPrimary: false, noFailover: true },
    ]);
  });

  it('renders the applied backend list, or the feature matrix\'s nodes without an address before the first apply', () => {
    const features = effectiveFeatures('analytics', cluster);
    expect(recordedBackends('analytics', features, [])).toEqual([
      { name: 'writer', host: '', port: 0, role: 'primary' },
      { name: 'reader', host: '', port: 0, role: 'standby' },
    ]);
    const applied = [{ name: 'writer', host: 'w.example', port: 5432, role: 'primary' }];
    expect(recordedBackends('analytics', features, [
      { address: 'other.proxy_config', type: 'x', attributes: { backends: [{ name: 'writer', host: 'elsewhere', port: 1, role: 'primary' }] } },
      { address: 'analytics.proxy_config', type: 'x', attributes: { backends: applied } },
    ])).toEqual(applied);
  });
});

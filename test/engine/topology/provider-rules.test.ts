// A provider's validate hook reports like any rule: located at file:line:column, errors fail the load, warnings
// are kept, and only the clusters the provider serves are handed to it.
import { describe, expect, it } from 'vitest';
import { parseTopology } from '../../../engine/topology/load-topology.ts';
import { ProviderRegistry, type Provider, type ValidatedCluster } from '../../../providers/provider.ts';

const TOPOLOGY = `version: 1
name: shop
clusters:
  dev:
    environment: local
    proxy:
      instances: 2
  orders:
    environment: rds
    region: eu-west-1
    dbInstance: orders-db
    vpc: { id: vpc-0a1b2c3d, cidr: 10.0.0.0/16 }
users:
  - { name: app, auth: trust }
`;

function registryWith(validate: (clusters: ValidatedCluster[]) => ReturnType<NonNullable<Provider['validate']>>, seen: string[][]): ProviderRegistry {
  const provider: Provider = {
    name: 'checking', environments: ['local'], resourceTypes: [],
    validate: (clusters) => {
      seen.push(clusters.map((cluster) => `${cluster.name}:${cluster.features.proxyInstances.value}`));
      return validate(clusters);
    },
    configure: async () => {}, close: async () => {}, expand: () => [],
  };
  return new ProviderRegistry([provider]);
}

describe('provider rules', () => {
  it('reports an error from validate at its line and column, and fails the load', () => {
    const seen: string[][] = [];
    const registry = registryWith(() => [{ severity: 'error', path: ['clusters', 'dev', 'proxy', 'instances'], message: 'too many proxies here', hint: 'use one' }], seen);
    const result = parseTopology(TOPOLOGY, 'pgtopo.yaml', registry);
    expect(seen).toEqual([['dev:2']]);
    expect(result.ok).toBe(false);
    expect(!result.ok && result.diagnostics).toEqual([expect.objectContaining({
      severity: 'error', line: 7, column: 18, path: 'clusters.dev.proxy.instances', message: 'too many proxies here', hint: 'use one',
    })]);
  });

  it('keeps a warning from validate and loads the topology', () => {
    const registry = registryWith(() => [{ severity: 'warning', path: ['clusters', 'dev', 'proxy'], message: 'just so you know' }], []);
    const result = parseTopology(TOPOLOGY, 'pgtopo.yaml', registry);
    expect(result.ok && result.value.warnings).toEqual([expect.objectContaining({ severity: 'warning', line: 7, message: 'just so you know' })]);
  });
});

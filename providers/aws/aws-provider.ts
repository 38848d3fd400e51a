// The `aws` provider: ec2 (self-managed PostgreSQL on EC2 instances), rds and aurora. PostgreSQL itself is only
// read (data sources under database/); what pgtopo manages is the proxy tier on EC2 (proxy-tier/). Clients are
// created per region in configure and destroyed in close; every object's scope is its region, so one Describe
// call (paged) per type and region reads the whole topology.
import type { Cluster } from '../../schemas/topology.ts';
import type { DesiredResource, ExpandInput, Provider, ProviderSettings } from '../provider.ts';
import { RegionalClients } from './aws-clients.ts';
import { expandDatabase } from './database/database-expansion.ts';
import { expandProxyTier, proxyTierResourceTypes } from './proxy-tier/proxy-tier-resources.ts';

export const AWS_ENVIRONMENTS = ['ec2', 'rds', 'aurora'] as const;

export function awsProvider(): Provider {
  const clients = new RegionalClients();
  return {
    name: 'aws',
    environments: AWS_ENVIRONMENTS,
    resourceTypes: [...proxyTierResourceTypes(clients)],
    async configure(settings: ProviderSettings) {
      clients.open(settings.clusters.map(({ cluster }) => regionOf(cluster)));
    },
    async close() {
      clients.closeAll();
    },
    expand: (input: ExpandInput): DesiredResource[] => [...expandDatabase(input), ...expandProxyTier(input)],
  };
}

export function regionOf(cluster: Cluster): string {
  if (!('region' in cluster) || typeof cluster.region !== 'string') {
    throw new Error(`the aws provider cannot serve a cluster of environment "${cluster.environment}"`);
  }
  return cluster.region;
}

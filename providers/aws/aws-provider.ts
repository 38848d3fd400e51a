// The `aws` provider: ec2 (self-managed PostgreSQL on EC2 instances), rds and aurora. PostgreSQL itself is only
// read (data sources under database/); what pgtopo manages is the proxy tier on EC2 (proxy-tier/). Clients are
// created per region in configure and destroyed in close; every object's scope is its region, so one Describe
// call (paged) per type and region reads the whole topology.
import type { Cluster } from '../../schemas/topology.ts';
import type { DesiredResource, ExpandInput, Provider, ProviderSettings } from '../provider.ts';
import { RegionalClients } from './aws-clients.ts';
import type { AwsResourceType } from './aws-resource-type.ts';
import { auroraClusterSource } from './database/aurora-cluster-source.ts';
import { expandDatabase } from './database/database-expansion.ts';
import { DatabaseRequests } from './database/database-requests.ts';
import { ec2BackendsSource } from './database/ec2-backends-source.ts';
import { rdsInstanceSource } from './database/rds-instance-source.ts';
import { databasesNow } from './database/database-now.ts';
import { proxyTierOutputs } from './proxy-tier/proxy-tier-outputs.ts';
import { expandProxyTier, proxyTierResourceTypes } from './proxy-tier/proxy-tier-resources.ts';
import { proxyTierStatus } from './proxy-tier/proxy-tier-status.ts';
import { recordedBackends } from './recorded-backends.ts';
import { appliedAwsPgpoolTier, appliedAwsProxyConfig } from './proxy-tier/applied-proxy-config.ts';
import { tlsParametersOf } from './proxy-tier/tls-parameter-source.ts';

export const AWS_ENVIRONMENTS = ['ec2', 'rds', 'aurora'] as const;

/** Every resource type of the provider: the database data sources and the proxy tier. */
export function awsResourceTypes(clients: RegionalClients, requests: DatabaseRequests, clusters: () => ProviderSettings['clusters'] = () => []): AwsResourceType[] {
  const tlsParameters = (region: string) => clusters().filter(({ cluster }) => regionOf(cluster) === region).flatMap(({ name, cluster }) => tlsParametersOf(name, cluster));
  return [
    auroraClusterSource(clients, requests), rdsInstanceSource(clients, requests), ec2BackendsSource(clients, requests),
    ...proxyTierResourceTypes(clients, tlsParameters),
  ];
}

export function awsProvider(): Provider {
  const clients = new RegionalClients();
  const requests = new DatabaseRequests();
  let clusters: ProviderSettings['clusters'] = [];
  const resourceTypes = awsResourceTypes(clients, requests, () => clusters);
  return {
    name: 'aws',
    environments: AWS_ENVIRONMENTS,
    resourceTypes,
    async configure(settings: ProviderSettings) {
      clusters = settings.clusters;
      requests.record(settings.clusters);
      clients.open(settings.clusters.map(({ cluster }) => regionOf(cluster)));
    },
    async close() {
      clients.closeAll();
    },
    expand: (input: ExpandInput): DesiredResource[] => [...expandDatabase(input), ...expandProxyTier(input)],
    backends: recordedBackends,
    appliedProxyConfig: appliedAwsProxyConfig,
    pgpoolTier: appliedAwsPgpoolTier,
    outputs: proxyTierOutputs,
    status: async (objects, context) => proxyTierStatus(objects, clients, await databasesNow(clusters, resourceTypes, context)),
  };
}

export function regionOf(cluster: Cluster): string {
  if (!('region' in cluster) || typeof cluster.region !== 'string') {
    throw new Error(`the aws provider cannot serve a cluster of environment "${cluster.environment}"`);
  }
  return cluster.region;
}

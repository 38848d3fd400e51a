// A cluster's database as a data source: where its PostgreSQL servers run, discovered on every plan and reconcile.
// ec2 → `aws_ec2_backends` (instances by tags or declared addresses), rds → `aws_rds_instance` (the primary and its
// read replicas), aurora → `aws_aurora_cluster` (cluster, reader and instance endpoints). Each object carries a
// `backends` attribute: the backend list the proxies get (BackendAddress[]).
import type { Cluster } from '../../../schemas/topology.ts';
import type { DesiredResource, ExpandInput, ResourceReference } from '../../provider.ts';
import { AURORA_CLUSTER_TYPE } from './aurora-cluster-source.ts';
import { auroraRequest } from './database-requests.ts';
import { EC2_BACKENDS_TYPE, ec2BackendsName } from './ec2-backends-source.ts';
import { RDS_INSTANCE_TYPE } from './rds-instance-source.ts';

/** Needs only the cluster and its names, so `pgtopo status` can find a cluster's data source without expanding it. */
export function expandDatabase(input: Pick<ExpandInput, 'cluster' | 'clusterName' | 'topologyName'>): DesiredResource[] {
  const { cluster, clusterName } = input;
  const source = { address: databaseAddress(clusterName), attributes: {} };
  switch (cluster.environment) {
    case 'aurora':
      return [{ ...source, type: AURORA_CLUSTER_TYPE, name: cluster.dbCluster, scope: cluster.region }];
    case 'rds':
      return [{ ...source, type: RDS_INSTANCE_TYPE, name: cluster.dbInstance, scope: cluster.region }];
    case 'ec2':
      return [{ ...source, type: EC2_BACKENDS_TYPE, name: ec2BackendsName(input.topologyName, clusterName), scope: cluster.region }];
    default:
      throw new Error(`cluster ${clusterName}: the aws provider does not serve environment "${cluster.environment}"`);
  }
}

/** The address of a cluster's database data source. */
export function databaseAddress(clusterName: string): string {
  return `${clusterName}.database`;
}

/**
 * The proxies' backend list of a cluster, as a reference the plan resolves from the data source: an Aurora cluster
 * with `backends.readers: instances` balances over its reader instances' endpoints.
 */
export function databaseBackendsReference(clusterName: string, cluster: Cluster): ResourceReference {
  const perInstance = cluster.environment === 'aurora' && auroraRequest(clusterName, cluster).readers === 'instances';
  return { $ref: databaseAddress(clusterName), attribute: perInstance ? 'instance_backends' : 'backends' };
}

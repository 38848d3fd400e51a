// A cluster's database as data sources: where its PostgreSQL servers run, discovered on every plan and reconcile.
// ec2 → `aws_ec2_backends` (instances by tags or declared addresses), rds → `aws_rds_instance` (the primary and its
// read replicas), aurora → `aws_aurora_cluster` (cluster, reader and instance endpoints). Each object carries a
// `backends` attribute: the backend list the proxies get.
import type { Cluster } from '../../../schemas/topology.ts';
import type { DesiredResource, ExpandInput, ResourceReference } from '../../provider.ts';

export function expandDatabase(_input: ExpandInput): DesiredResource[] {
  return [];
}

/** The address of a cluster's database data source. */
export function databaseAddress(clusterName: string): string {
  return `${clusterName}.database`;
}

/** The proxies' backend list of a cluster, as a reference the plan resolves from the data source. */
export function databaseBackendsReference(clusterName: string, _cluster: Cluster): ResourceReference {
  return { $ref: databaseAddress(clusterName), attribute: 'backends' };
}

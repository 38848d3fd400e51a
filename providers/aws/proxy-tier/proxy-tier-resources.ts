// The proxy tier pgtopo manages on EC2 for ec2, rds and aurora clusters: security group, SSM secrets and config,
// launch template, instances, NLB, target group, listener and Auto Scaling group. The proxies' backends come from
// the cluster's data source: `databaseBackendsReference` (providers/aws/database/database-expansion.ts) is the
// reference to put in the rendered config.
import type { DesiredResource, ExpandInput } from '../../provider.ts';
import type { RegionalClients } from '../aws-clients.ts';
import type { AwsResourceType } from '../aws-resource-type.ts';

export function proxyTierResourceTypes(_clients: RegionalClients): AwsResourceType[] {
  return [];
}

export function expandProxyTier(_input: ExpandInput): DesiredResource[] {
  return [];
}

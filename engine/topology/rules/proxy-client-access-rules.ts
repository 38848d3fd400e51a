// On AWS the security group pgtopo makes for a proxy tier (when `proxy.securityGroups` names none) admits the proxy
// and metrics ports from `proxy.clientCidrs` (default: `vpc.cidr`) and `proxy.clientSecurityGroups`, and from nothing
// else (providers/aws/proxy-tier/proxy-tier-expansion.ts). With none of them the group admits nobody: apply
// succeeds, and neither a client nor an NLB's health check reaches a proxy. A warning, not an error: the tier is
// still made, and a test of the provisioning alone needs no clients.
import type { Cluster } from '../../../schemas/topology.ts';
import { eachCluster, type Rule } from './rule.ts';

type AwsCluster = Extract<Cluster, { environment: 'ec2' | 'rds' | 'aurora' }>;

export const proxyClientAccessRules: Rule = (context) => {
  eachCluster(context.topology, (_name, cluster, path) => {
    if (!isAws(cluster) || admitsSomeone(cluster)) return;
    context.warn(cluster.proxy ? [...path, 'proxy'] : path, 'the proxies\' security group admits no client: no `clientCidrs`, ' +
      '`clientSecurityGroups` or `vpc.cidr` is declared, so nothing (an NLB\'s health check neither) reaches the proxy port',
    'add `clientCidrs: [<your application subnets>]` or `clientSecurityGroups: [sg-…]` under `proxy`, or `vpc: { cidr }`');
  });
};

function isAws(cluster: Cluster): cluster is AwsCluster {
  return cluster.environment === 'ec2' || cluster.environment === 'rds' || cluster.environment === 'aurora';
}

function admitsSomeone({ proxy, vpc }: AwsCluster): boolean {
  return (proxy?.securityGroups?.length ?? 0) > 0 || (proxy?.clientCidrs?.length ?? 0) > 0 ||
    (proxy?.clientSecurityGroups?.length ?? 0) > 0 || vpc?.cidr !== undefined;
}

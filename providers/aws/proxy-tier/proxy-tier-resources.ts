// The proxy tier pgtopo manages on EC2 for ec2, rds and aurora clusters: security group (and the rule on the database's), SSM secrets and config,
// launch template, instances (watchdog: each on its ENI, the tier's key in SSM) or NLB, target group, listener and Auto Scaling group (nlb-autoscaling),
// plus the subnet, default-AMI and TLS-parameter data sources they need. What a cluster gets is in proxy-tier-expansion.ts.
import type { RegionalClients } from '../aws-clients.ts';
import type { AwsResourceType } from '../aws-resource-type.ts';
import { amiParameterSource } from './ami-parameter-source.ts';
import { autoScalingGroupResource } from './autoscaling-group-resource.ts';
import { databaseIngressResource } from './database-ingress-resource.ts';
import { launchTemplateResource } from './launch-template-resource.ts';
import { listenerResource } from './listener-resource.ts';
import { loadBalancerResource } from './load-balancer-resource.ts';
import { proxyInstanceResource } from './proxy-instance-resource.ts';
import { securityGroupResource } from './security-group-resource.ts';
import { ssmProxyConfigResource } from './ssm-proxy-config-resource.ts';
import { ssmSecretResource } from './ssm-secret-resource.ts';
import { ssmWatchdogKeyResource } from './ssm-watchdog-key-resource.ts';
import { networkInterfaceResource } from './network-interface-resource.ts';
import { subnetSource } from './subnet-source.ts';
import { targetGroupResource } from './target-group-resource.ts';
import { tlsParameterSource, type DeclaredTlsParameter } from './tls-parameter-source.ts';

export { expandProxyTier } from './proxy-tier-expansion.ts';

/** `tlsParameters(region)`: the SSM parameters this run's clusters there take TLS material from. */
export function proxyTierResourceTypes(clients: RegionalClients, tlsParameters: (region: string) => DeclaredTlsParameter[] = () => []): AwsResourceType[] {
  return [
    subnetSource(clients), amiParameterSource(clients), tlsParameterSource(clients, tlsParameters), securityGroupResource(clients), databaseIngressResource(clients), ssmSecretResource(clients), ssmProxyConfigResource(clients),
    ssmWatchdogKeyResource(clients), launchTemplateResource(clients), networkInterfaceResource(clients), proxyInstanceResource(clients), loadBalancerResource(clients), targetGroupResource(clients),
    listenerResource(clients), autoScalingGroupResource(clients),
  ];
}

// Every desired type of the AWS provider and what the Terraform export makes of it: a mapping (mappings/), a
// data source whose values the export reads and writes in (the database), a secret left out of Terraform, or the
// operator's own parameters.
import { AURORA_CLUSTER_TYPE } from '../database/aurora-cluster-source.ts';
import { EC2_BACKENDS_TYPE } from '../database/ec2-backends-source.ts';
import { RDS_INSTANCE_TYPE } from '../database/rds-instance-source.ts';
import { SSM_SECRET_TYPE } from '../proxy-tier/ssm-secret-resource.ts';
import { SSM_WATCHDOG_KEY_TYPE } from '../proxy-tier/ssm-watchdog-key-resource.ts';
import { TLS_PARAMETER_TYPE } from '../proxy-tier/tls-parameter-source.ts';
import { amiParameterTerraform } from './mappings/ami-parameter-terraform.ts';
import { autoScalingGroupTerraform } from './mappings/autoscaling-group-terraform.ts';
import { databaseIngressTerraform } from './mappings/database-ingress-terraform.ts';
import { launchTemplateTerraform } from './mappings/launch-template-terraform.ts';
import { listenerTerraform } from './mappings/listener-terraform.ts';
import { loadBalancerTerraform } from './mappings/load-balancer-terraform.ts';
import { networkInterfaceTerraform } from './mappings/network-interface-terraform.ts';
import { proxyInstanceTerraform } from './mappings/proxy-instance-terraform.ts';
import { securityGroupTerraform } from './mappings/security-group-terraform.ts';
import { ssmProxyConfigTerraform } from './mappings/ssm-proxy-config-terraform.ts';
import { subnetTerraform } from './mappings/subnet-terraform.ts';
import { targetGroupTerraform } from './mappings/target-group-terraform.ts';
import type { TerraformMapping } from './terraform-mapping.ts';

export const TERRAFORM_MAPPINGS: readonly TerraformMapping[] = [
  subnetTerraform, amiParameterTerraform, securityGroupTerraform, ssmProxyConfigTerraform, launchTemplateTerraform,
  proxyInstanceTerraform, loadBalancerTerraform, targetGroupTerraform, listenerTerraform, autoScalingGroupTerraform,
  databaseIngressTerraform, networkInterfaceTerraform,
];

/** The database: read at export time, its backends written into the proxies' config; nothing of it is managed. */
export const READ_AT_EXPORT: readonly string[] = [AURORA_CLUSTER_TYPE, RDS_INSTANCE_TYPE, EC2_BACKENDS_TYPE];

/**
 * The passwords' SecureStrings and the watchdog's key stay out of Terraform: the provider reads a managed (or
 * imported) parameter's value decrypted into Terraform's state, whatever lifecycle.ignore_changes says, and pgtopo
 * keeps secrets out of every state. They are set with `aws ssm put-parameter` instead (see handover-steps.ts).
 */
export const LEFT_OUT: readonly string[] = [SSM_SECRET_TYPE, SSM_WATCHDOG_KEY_TYPE];

/**
 * The operator's own TLS parameters: the plan only checks that they exist, and they stay the operator's after a
 * handover (the proxies' config names them). A Terraform data source would read the key into Terraform's state.
 */
export const OPERATORS_OWN: readonly string[] = [TLS_PARAMETER_TYPE];

export function mappingOf(type: string): TerraformMapping | undefined {
  return TERRAFORM_MAPPINGS.find((mapping) => mapping.from === type);
}

// The IAM actions each AWS VIP driver calls, kept beside the drivers: the proxies' instance-role policy
// (providers/aws/iam-policy.ts, docs/aws-iam.md) is generated from this list, and the driver tests fail when a
// driver calls an action not listed here, or a listed one is never called.
import type { AwsVip } from './aws-vip-driver.ts';

export const AWS_VIP_IAM_ACTIONS: Readonly<Record<AwsVip['type'], readonly string[]>> = {
  'elastic-ip': ['ec2:DescribeAddresses', 'ec2:AssociateAddress', 'ec2:DisassociateAddress'],
  'secondary-ip': ['ec2:DescribeNetworkInterfaces', 'ec2:AssignPrivateIpAddresses', 'ec2:UnassignPrivateIpAddresses'],
  'route-table': ['ec2:ModifyNetworkInterfaceAttribute', 'ec2:CreateRoute', 'ec2:ReplaceRoute'],
  dns: ['route53:ChangeResourceRecordSets', 'route53:GetChange'],
};
